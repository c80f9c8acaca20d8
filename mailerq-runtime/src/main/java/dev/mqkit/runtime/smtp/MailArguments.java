package dev.mqkit.runtime.smtp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The argument of {@code MAIL FROM:} or {@code RCPT TO:} (RFC 5321 4.1.2): a path in angle
 * brackets and then ESMTP parameters {@code KEYWORD[=value]}, separated by spaces.
 *
 * @param address    the address inside the angle brackets, source route dropped ("" for {@code <>})
 * @param parameters keyword (upper case) to value (null when given without {@code =})
 */
public record MailArguments(String address, Map<String, String> parameters) {

    /** Creates the arguments; {@code parameters} is copied, in its order. */
    public MailArguments {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** Why an argument was refused; carries the reply to send. */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient SmtpReply reply;

        Invalid(SmtpReply reply) {
            super(reply.toString(), null, false, false);
            this.reply = reply;
        }

        /** The refusal to send, such as {@code 501 5.1.7 Bad address syntax}. */
        public SmtpReply reply() {
            return reply;
        }
    }

    /** Parses the argument of {@code MAIL}: {@code FROM:<address> [parameters]}. */
    public static MailArguments mailFrom(String argument) throws Invalid {
        return parse(argument, "FROM:", "5.1.7");
    }

    /** Parses the argument of {@code RCPT}: {@code TO:<address> [parameters]}. */
    public static MailArguments rcptTo(String argument) throws Invalid {
        return parse(argument, "TO:", "5.1.3");
    }

    /**
     * Parses {@code argument} which must start with {@code prefix} ("FROM:" or "TO:"), case
     * insensitive, with optional spaces after the colon as many clients send them.
     *
     * @param badAddressStatus the enhanced status for a malformed address: 5.1.7 for a sender,
     *                         5.1.3 for a recipient
     */
    private static MailArguments parse(String argument, String prefix, String badAddressStatus) throws Invalid {
        if (!argument.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw new Invalid(SmtpReply.of(501, "5.5.2", "Syntax: " + ("FROM:".equals(prefix) ? "MAIL FROM:<address>" : "RCPT TO:<address>")));
        }
        String rest = argument.substring(prefix.length()).stripLeading();
        if (!rest.startsWith("<")) {
            throw new Invalid(SmtpReply.of(501, badAddressStatus, "Address must be in angle brackets"));
        }
        int close = rest.indexOf('>');
        if (close < 0) {
            throw new Invalid(SmtpReply.of(501, badAddressStatus, "Unterminated address"));
        }
        String path = rest.substring(1, close);
        String address = dropSourceRoute(path);
        if (!validAddress(address)) {
            throw new Invalid(SmtpReply.of(501, badAddressStatus, "Bad address syntax"));
        }
        String params = rest.substring(close + 1);
        if (!params.isEmpty() && !params.startsWith(" ")) {
            throw new Invalid(SmtpReply.of(501, "5.5.2", "Syntax error after address"));
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String token : params.strip().split(" +")) {
            if (token.isEmpty()) {
                continue;
            }
            int equals = token.indexOf('=');
            String keyword = (equals < 0 ? token : token.substring(0, equals)).toUpperCase(Locale.ROOT);
            String value = equals < 0 ? null : token.substring(equals + 1);
            if (keyword.isEmpty() || !keyword.chars().allMatch(c -> c == '-' || Character.isLetterOrDigit(c) && c < 128)) {
                throw new Invalid(SmtpReply.of(501, "5.5.4", "Malformed parameter: " + token));
            }
            parameters.put(keyword, value);
        }
        return new MailArguments(address, parameters);
    }

    private static String dropSourceRoute(String path) {
        // <@a,@b:user@host> : the source route is to be ignored (RFC 5321 4.1.2, C)
        if (path.startsWith("@")) {
            int colon = path.indexOf(':');
            return colon < 0 ? path : path.substring(colon + 1);
        }
        return path;
    }

    /** Lenient mailbox check: empty, or local@domain without spaces or control characters. */
    private static boolean validAddress(String address) {
        if (address.isEmpty()) {
            return true;
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c <= ' ' || c == '<' || c == '>' || c == 127) {
                return false;
            }
        }
        int at = address.lastIndexOf('@');
        return at > 0 && at < address.length() - 1 || "postmaster".equalsIgnoreCase(address);
    }
}
