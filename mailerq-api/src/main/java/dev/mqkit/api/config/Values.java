package dev.mqkit.api.config;

import dev.mqkit.api.MailerqRelease;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Parsers for the value types of {@link ConfigKey}; each throws IllegalArgumentException saying what is wrong. */
public final class Values {
    private Values() {
    }

    /** Checks {@code text} against the key's type; returns it trimmed. */
    static String check(ConfigKey key, String text) {
        String value = text.trim();
        switch (key.type()) {
            case STRING -> {
            }
            case PORT -> port(value);
            case PORTS -> ports(value);
            case POSITIVE_INT -> positiveInt(value);
            case BOOLEAN -> bool(value);
            case DURATION -> duration(value);
            case SIZE -> size(value);
            case RELEASE -> MailerqRelease.parse(value);
            case HOST_PORT -> {
                if (!value.isEmpty()) {
                    hostPort(value, 53);
                }
            }
            case ADDRESS_RANGES -> AddressRanges.parse(value);
            case COUNT -> {
                if (!value.isEmpty()) {
                    count(value);
                }
            }
            case DURATIONS -> durations(value);
            case LOCAL_ADDRESSES -> LocalAddresses.parse(value);
            case LOGINS -> SmtpLogins.parse(value);
            default -> throw new AssertionError(key.type());
        }
        return value;
    }

    /** One port, 0 to 65535. */
    public static int port(String text) {
        int port;
        try {
            port = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a port number");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0-65535");
        }
        return port;
    }

    /** A list of ports and ranges: {@code 25,2525,1024-1026}; empty text is an empty list. */
    public static List<Integer> ports(String text) {
        List<Integer> ports = new ArrayList<>();
        if (text.isBlank()) {
            return ports;
        }
        for (String part : text.split(",", -1)) {
            String item = part.trim();
            if (item.isEmpty()) {
                throw new IllegalArgumentException("empty item in port list '" + text + "'");
            }
            int dash = item.indexOf('-');
            if (dash < 0) {
                ports.add(port(item));
                continue;
            }
            int first = port(item.substring(0, dash));
            int last = port(item.substring(dash + 1));
            if (first > last) {
                throw new IllegalArgumentException("port range " + item + " runs backwards");
            }
            for (int p = first; p <= last; p++) {
                ports.add(p);
            }
        }
        return Collections.unmodifiableList(ports);
    }

    public static int positiveInt(String text) {
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number");
        }
        if (value < 1) {
            throw new IllegalArgumentException(value + " is not at least 1");
        }
        return value;
    }

    /** A whole number, 0 or more. */
    public static int count(String text) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("'" + text + "' is not a whole number of 0 or more");
    }

    /** Durations separated by ',' (600,600,1800 or 200ms,1s); at least one. */
    public static List<Duration> durations(String text) {
        List<Duration> list = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            if (part.isBlank()) {
                throw new IllegalArgumentException("'" + text + "' has an empty item; write durations separated by ',' "
                        + "(e.g. 600,600,1800)");
            }
            list.add(duration(part));
        }
        return Collections.unmodifiableList(list);
    }

    /** true/false (as 5.13 writes them), 1/0 (as 3.0 does), yes/no, on/off; in any case. */
    public static boolean bool(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1":
                return true;
            case "false", "no", "off", "0":
                return false;
            default:
                throw new IllegalArgumentException("'" + text + "' is not true or false");
        }
    }

    /** A number with unit ms, s, m or h; a bare number is seconds (as MailerQ's timeouts). */
    public static Duration duration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        long factorMillis;
        String number;
        if (value.endsWith("ms")) {
            factorMillis = 1;
            number = value.substring(0, value.length() - 2);
        } else if (value.endsWith("s")) {
            factorMillis = 1000;
            number = value.substring(0, value.length() - 1);
        } else if (value.endsWith("m")) {
            factorMillis = 60_000;
            number = value.substring(0, value.length() - 1);
        } else if (value.endsWith("h")) {
            factorMillis = 3_600_000;
            number = value.substring(0, value.length() - 1);
        } else {
            factorMillis = 1000;
            number = value;
        }
        try {
            long amount = Long.parseLong(number.trim());
            if (amount < 0) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(Math.multiplyExact(amount, factorMillis));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 250ms, 30s, 5m, 1h)");
        }
    }

    /** Bytes, with an optional K, M or G suffix (powers of 1024), also as MailerQ writes them: 100MB, 512KB, 1GB, 4096B. */
    public static long size(String text) {
        String value = text.trim().toUpperCase(Locale.ROOT);
        if (value.length() > 1 && value.endsWith("B")) {
            value = value.substring(0, value.length() - 1);
        }
        long factor = 1;
        if (value.endsWith("K")) {
            factor = 1L << 10;
        } else if (value.endsWith("M")) {
            factor = 1L << 20;
        } else if (value.endsWith("G")) {
            factor = 1L << 30;
        }
        if (factor != 1) {
            value = value.substring(0, value.length() - 1);
        }
        try {
            long amount = Long.parseLong(value.trim());
            if (amount < 1) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(amount, factor);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not a size in bytes (e.g. 1048576, 512K, 50M, 100MB)");
        }
    }

    /** {@code host}, {@code host:port} or {@code [v6]:port}; unresolved. */
    public static InetSocketAddress hostPort(String text, int defaultPort) {
        String value = text.trim();
        String host = value;
        int port = defaultPort;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + text + "' lacks the closing ]");
            }
            host = value.substring(1, close);
            String rest = value.substring(close + 1);
            if (rest.startsWith(":")) {
                port = port(rest.substring(1));
            } else if (!rest.isEmpty()) {
                throw new IllegalArgumentException("'" + text + "' is not host:port");
            }
        } else if (value.indexOf(':') >= 0 && value.indexOf(':') == value.lastIndexOf(':')) {
            host = value.substring(0, value.indexOf(':'));
            port = port(value.substring(value.indexOf(':') + 1));
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' has no host");
        }
        return InetSocketAddress.createUnresolved(host, port);
    }
}
