package dev.mqkit.smtp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
                throw new Invalid(SmtpReply.of(501, "5.5.4", "Malformed parameter: " + ClientText.escaped(token)));
            }
            if (parameters.containsKey(keyword)) {
                // RFC 3461 4.3 and 4.4 (RET, ENVID, NOTIFY, ORCPT), and no other parameter is meant twice
                throw new Invalid(SmtpReply.of(501, "5.5.4", "Duplicate parameter " + keyword));
            }
            parameters.put(keyword, value);
        }
        return new MailArguments(address, parameters);
    }

    /**
     * Why a server refuses these as MAIL's arguments, or empty when it accepts them. SIZE
     * (RFC 1870, at most {@code maxMessageSize}), BODY=7BIT or 8BITMIME (RFC 6152), AUTH
     * (RFC 4954, when AUTH is offered) and RET and ENVID (RFC 3461, when DSN is offered) are known;
     * any other parameter is refused with 555, and so is any parameter after HELO instead of EHLO.
     * A known parameter with a malformed value gets 501 naming it.
     *
     * @param extended    whether the client greeted with EHLO
     * @param authOffered whether the server offers AUTH on this connection now
     * @param dsnOffered  whether the server offers DSN
     */
    public Optional<SmtpReply> mailRefusal(boolean extended, long maxMessageSize, boolean authOffered,
            boolean dsnOffered) {
        if (!parameters.isEmpty() && !extended) {
            return refusal(555, "5.5.4", "MAIL parameters need EHLO");
        }
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            String value = parameter.getValue();
            switch (parameter.getKey()) {
                case "SIZE" -> {
                    if (value == null || value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                        return refusal(501, "5.5.4", "Malformed SIZE parameter");
                    }
                    if (Long.parseLong(value) > maxMessageSize) {
                        return refusal(552, "5.3.4", "Message size exceeds fixed maximum message size of "
                                + maxMessageSize + " bytes");
                    }
                }
                case "BODY" -> {
                    String body = value == null ? "" : value.toUpperCase(Locale.ROOT);
                    if ("BINARYMIME".equals(body)) {
                        return refusal(504, "5.5.4", "BODY=BINARYMIME not implemented");
                    }
                    if (!"7BIT".equals(body) && !"8BITMIME".equals(body)) {
                        return refusal(501, "5.5.4", "Malformed BODY parameter");
                    }
                }
                case "AUTH" -> {
                    if (value == null || !authOffered) {
                        return refusal(555, "5.5.4", "Unsupported parameter AUTH");
                    }
                }
                case "RET" -> {
                    if (!dsnOffered) {
                        return unsupported("RET");
                    }
                    if (!"FULL".equalsIgnoreCase(value) && !"HDRS".equalsIgnoreCase(value)) {
                        return refusal(501, "5.5.4", "Malformed RET parameter: RET=FULL or RET=HDRS");
                    }
                }
                case "ENVID" -> {
                    if (!dsnOffered) {
                        return unsupported("ENVID");
                    }
                    if (!isXtext(value) || value.length() > 100) {
                        return refusal(501, "5.5.4", "Malformed ENVID parameter: 1 to 100 characters of xtext (RFC 3461 4.2)");
                    }
                }
                default -> {
                    return unsupported(parameter.getKey());
                }
            }
        }
        return Optional.empty();
    }

    /** The size announced with SIZE (RFC 1870), or 0 when none was; call after {@link #mailRefusal} accepted it. */
    public long declaredSize() {
        String size = parameters.get("SIZE");
        return size == null ? 0 : Long.parseLong(size);
    }

    /**
     * Why a server refuses these as RCPT's arguments, or empty: an empty address, a parameter after
     * HELO, a parameter other than NOTIFY and ORCPT (RFC 3461, when DSN is offered) with 555, a
     * malformed NOTIFY or ORCPT with 501 naming it.
     *
     * @param extended   whether the client greeted with EHLO
     * @param dsnOffered whether the server offers DSN
     */
    public Optional<SmtpReply> rcptRefusal(boolean extended, boolean dsnOffered) {
        if (address.isEmpty()) {
            return refusal(501, "5.1.3", "Empty recipient address");
        }
        if (!parameters.isEmpty() && !extended) {
            return refusal(555, "5.5.4", "RCPT parameters need EHLO");
        }
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            String value = parameter.getValue();
            switch (dsnOffered ? parameter.getKey() : "") {
                case "NOTIFY" -> {
                    if (!validNotify(value)) {
                        return refusal(501, "5.5.4", "Malformed NOTIFY parameter: NOTIFY=NEVER or a comma-separated "
                                + "list of SUCCESS, FAILURE and DELAY");
                    }
                }
                case "ORCPT" -> {
                    if (!validOrcpt(value)) {
                        return refusal(501, "5.5.4", "Malformed ORCPT parameter: ORCPT=addr-type;xtext such as "
                                + "rfc822;user@example.com (RFC 3461 4.2)");
                    }
                }
                default -> {
                    return unsupported(parameter.getKey());
                }
            }
        }
        return Optional.empty();
    }

    private static boolean validNotify(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        if ("NEVER".equalsIgnoreCase(value)) {
            return true;
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String event : value.split(",", -1)) {
            String upper = event.toUpperCase(Locale.ROOT);
            if (!(upper.equals("SUCCESS") || upper.equals("FAILURE") || upper.equals("DELAY")) || !seen.add(upper)) {
                return false;
            }
        }
        return true;
    }

    /** {@code addr-type ";" xtext}, addr-type an atom (RFC 3461 4.2), at most 500 characters. */
    private static boolean validOrcpt(String value) {
        if (value == null || value.length() > 500) {
            return false;
        }
        int semicolon = value.indexOf(';');
        if (semicolon <= 0) {
            return false;
        }
        String type = value.substring(0, semicolon);
        boolean atom = type.chars().allMatch(c -> c > 32 && c < 127 && "()<>[]:;@\\,.\"".indexOf(c) < 0);
        return atom && isXtext(value.substring(semicolon + 1));
    }

    /** RFC 3461 4: printable US-ASCII but "+" and "=", or "+" and two upper-case hex digits; not empty. */
    private static boolean isXtext(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '+') {
                if (i + 2 >= value.length() || !isUpperHex(value.charAt(i + 1)) || !isUpperHex(value.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            } else if (c < 33 || c > 126 || c == '=') {
                return false;
            }
        }
        return true;
    }

    private static boolean isUpperHex(char c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'F';
    }

    private static Optional<SmtpReply> unsupported(String keyword) {
        return refusal(555, "5.5.4", "Unsupported parameter " + ClientText.escaped(keyword));
    }

    private static Optional<SmtpReply> refusal(int code, String status, String text) {
        return Optional.of(SmtpReply.of(code, status, text));
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
