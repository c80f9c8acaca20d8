package dev.mqkit.runtime.smtp.server;

import java.util.List;
import java.util.Objects;

/**
 * One SMTP reply: a three-digit code, an optional enhanced status code (RFC 3463, announced with
 * ENHANCEDSTATUSCODES, RFC 2034) and one or more text lines. Several lines are sent as a
 * multi-line reply ({@code 250-first}, ..., {@code 250 last}); the enhanced status code, when
 * present, starts every line.
 */
public record SmtpReply(int code, String status, List<String> lines) {

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

    @Override
    public String toString() {
        return wire().stripTrailing();
    }
}
