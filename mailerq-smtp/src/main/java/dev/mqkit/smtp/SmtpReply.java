package dev.mqkit.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SMTP reply: a three-digit code, an optional enhanced status code (RFC 3463, announced with
 * ENHANCEDSTATUSCODES, RFC 2034) and one or more text lines. Several lines are sent as a
 * multi-line reply ({@code 250-first}, ..., {@code 250 last}); the enhanced status code, when
 * present, starts every line.
 *
 * <p>A server makes replies with {@link #of} and {@link #plain} and writes them with
 * {@link SmtpReplyEncoder}; a client reads them back with {@link #continues} and {@link #parse}.
 *
 * @param code   200 to 599
 * @param status the enhanced status code, such as {@code 2.1.0}, or null
 * @param lines  the text of each line, without code, status and line end
 */
public record SmtpReply(int code, String status, List<String> lines) {
    private static final Pattern STATUS = Pattern.compile("^[245]\\.\\d{1,3}\\.\\d{1,3}(?=\\s|$)");

    /**
     * @throws IllegalArgumentException for a code outside 200 to 599, no lines, or a line that holds
     *                                  a line break (it would end the reply early on the wire)
     */
    public SmtpReply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("not an SMTP reply code: " + code);
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply needs at least one line");
        }
        for (String line : lines) {
            Objects.requireNonNull(line, "line");
            if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("reply text holds a line break: " + line);
            }
        }
    }

    /** A reply with an enhanced status code. */
    public static SmtpReply of(int code, String status, String... lines) {
        return new SmtpReply(code, status, List.of(lines));
    }

    /** A reply without an enhanced status code (greeting, EHLO, HELO, AUTH challenges). */
    public static SmtpReply plain(int code, String... lines) {
        return new SmtpReply(code, null, List.of(lines));
    }

    /** 2xx or 3xx. */
    public boolean positive() {
        return code < 400;
    }

    /** The reply as it goes over the wire, CRLF after every line. */
    public String wire() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            out.append(code).append(i == lines.size() - 1 ? ' ' : '-');
            if (status != null) {
                out.append(status).append(' ');
            }
            out.append(lines.get(i)).append("\r\n");
        }
        return out.toString();
    }

    /** Whether another line of the same reply follows this wire line ({@code 250-PIPELINING}). */
    public static boolean continues(String wireLine) {
        return wireLine.length() > 3 && wireLine.charAt(3) == '-';
    }

    /**
     * Reads a reply from its wire lines, line ends removed. The enhanced status code is taken out of
     * the text when every line starts with the same one, of the code's class, as {@link #wire()}
     * writes it; otherwise the lines are kept whole.
     *
     * @throws IllegalArgumentException when the lines are not one reply: no three-digit code, codes
     *                                  that differ, or a {@code -} missing or on the last line
     */
    public static SmtpReply parse(List<String> wireLines) {
        if (wireLines.isEmpty()) {
            throw new IllegalArgumentException("a reply needs at least one line");
        }
        int code = code(wireLines.get(0));
        List<String> texts = new ArrayList<>(wireLines.size());
        for (int i = 0; i < wireLines.size(); i++) {
            String line = wireLines.get(i);
            if (code(line) != code || continues(line) != (i < wireLines.size() - 1)
                    || line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-') {
                throw new IllegalArgumentException("not a line of a " + code + " reply: " + line);
            }
            texts.add(line.length() > 4 ? line.substring(4) : "");
        }
        String status = leadingStatus(texts.get(0));
        if (status == null || status.charAt(0) - '0' != code / 100 || !texts.stream().allMatch(t -> status.equals(leadingStatus(t)))) {
            return new SmtpReply(code, null, texts);
        }
        texts.replaceAll(text -> text.length() > status.length() ? text.substring(status.length() + 1) : "");
        return new SmtpReply(code, status, texts);
    }

    /**
     * The enhanced status code that starts a reply's text ({@code "5.1.1 No such user"} gives
     * {@code 5.1.1}), or null when it starts with none.
     */
    public static String leadingStatus(CharSequence text) {
        Matcher status = STATUS.matcher(text);
        return status.find() ? status.group() : null;
    }

    private static int code(String line) {
        int code = 0;
        for (int i = 0; i < 3; i++) {
            char digit = i < line.length() ? line.charAt(i) : ' ';
            if (digit < '0' || digit > '9') {
                throw new IllegalArgumentException("not an SMTP reply line: " + line);
            }
            code = code * 10 + digit - '0';
        }
        return code;
    }

    @Override
    public String toString() {
        return wire().stripTrailing();
    }
}
