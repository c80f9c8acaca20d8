package dev.mqkit.api.config;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * IP address ranges as MailerQ's {@code smtp-ranges} (3.0) / {@code smtp-range} (5.13) take them:
 * entries separated by {@code ;} (commas and spaces are accepted too), each a single address
 * ({@code 192.0.2.7}, {@code ::1}), a CIDR block ({@code 10.0.0.0/8}, {@code fd00::/8}) or a dash
 * range ({@code 192.0.2.10-192.0.2.20}). Addresses only: host names are not looked up.
 */
public final class AddressRanges {
    /** Everyone: what an empty value means. */
    public static final AddressRanges ANY = new AddressRanges(List.of(), "");
    /** 127.0.0.0/8 and ::1. */
    public static final AddressRanges LOOPBACK = parse("127.0.0.0/8;::1");

    private record Range(BigInteger first, BigInteger last, int length) {
    }

    private final List<Range> ranges;
    private final String text;

    private AddressRanges(List<Range> ranges, String text) {
        this.ranges = List.copyOf(ranges);
        this.text = text;
    }

    /**
     * Reads a list of ranges; empty text is {@link #ANY}.
     *
     * @throws IllegalArgumentException naming the entry that is not an address, block or range
     */
    public static AddressRanges parse(String text) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : text.trim().split("[;,\\s]+")) {
            if (!entry.isEmpty()) {
                ranges.add(range(entry));
            }
        }
        return ranges.isEmpty() ? ANY : new AddressRanges(ranges, text.trim());
    }

    /** Whether every address is allowed (no ranges given). */
    public boolean any() {
        return ranges.isEmpty();
    }

    /** Whether {@code address} lies in one of the ranges (always, for {@link #ANY}). */
    public boolean contains(InetAddress address) {
        if (any()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        BigInteger value = new BigInteger(1, bytes);
        for (Range range : ranges) {
            if (range.length == bytes.length && range.first.compareTo(value) <= 0 && value.compareTo(range.last) <= 0) {
                return true;
            }
        }
        return false;
    }

    private static Range range(String entry) {
        try {
            int slash = entry.indexOf('/');
            int dash = entry.indexOf('-');
            if (slash >= 0) {
                byte[] base = literal(entry.substring(0, slash));
                int bits = Integer.parseInt(entry.substring(slash + 1));
                int total = base.length * 8;
                if (bits < 0 || bits > total) {
                    throw new IllegalArgumentException("prefix length " + bits + " is outside 0-" + total);
                }
                BigInteger hostMask = BigInteger.ONE.shiftLeft(total - bits).subtract(BigInteger.ONE);
                BigInteger first = new BigInteger(1, base).andNot(hostMask);
                return new Range(first, first.or(hostMask), base.length);
            }
            if (dash >= 0) {
                byte[] first = literal(entry.substring(0, dash));
                byte[] last = literal(entry.substring(dash + 1));
                Range range = new Range(new BigInteger(1, first), new BigInteger(1, last), first.length);
                if (first.length != last.length || range.first.compareTo(range.last) > 0) {
                    throw new IllegalArgumentException("the range runs backwards or mixes IPv4 and IPv6");
                }
                return range;
            }
            byte[] single = literal(entry);
            return new Range(new BigInteger(1, single), new BigInteger(1, single), single.length);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + entry + "' is not an IP address, CIDR block or range"
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /** The bytes of an IPv4 or IPv6 literal, without any DNS look-up. */
    private static byte[] literal(String text) {
        String value = text.trim();
        boolean v4 = value.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = value.indexOf(':') >= 0 && value.matches("[0-9a-fA-F:.]+");
        if (!v4 && !v6) {
            throw new IllegalArgumentException((String) null);
        }
        try {
            // a literal: getByName parses it without asking DNS
            return InetAddress.getByName(value).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException((String) null);
        }
    }

    @Override
    public String toString() {
        return any() ? "any address" : text;
    }
}
