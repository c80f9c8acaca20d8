package dev.mqkit.runtime.delivery;

import dev.mqkit.smtp.SmtpReply;
import java.util.List;

/**
 * How one delivery attempt ended, in neither release's words: {@link ResultFormat} writes it as the
 * played release's entry of the {@code results} array.
 *
 * @param kind        what happened (MailerQ 3.0's result types)
 * @param phase       where in the delivery it happened
 * @param temporary   whether a later attempt may succeed
 * @param code        the reply code the peer sent, or 0 when no reply was involved
 * @param status      the enhanced status code of the peer's reply, or null when the reply carried none
 * @param description the reply text without the status code, or what went wrong
 * @param from        local IP address, or null when no connection was made
 * @param to          remote IP address, or null when none was found
 * @param mta         the peer's name from its greeting, or null
 * @param peerDsn     whether the peer offered the DSN extension
 */
public record AttemptResult(Kind kind, Phase phase, boolean temporary, int code, String status, String description,
                            String from, String to, String mta, boolean peerDsn) {

    /** What happened; the names are MailerQ 3.0's result types. */
    public enum Kind {
        SUCCESS("success"),
        /** no address to connect to (DNS failure, no such domain) */
        NOHOSTS("nohosts"),
        /** the local IP to send from cannot be bound */
        BIND("bind"),
        /** connection refused */
        REFUSED("refused"),
        /** the connection was not set up in time */
        CONNECT("connect"),
        /** bad or refused greeting, or EHLO and HELO refused */
        NOACCESS("noaccess"),
        /** the peer refused with an SMTP reply, or the runtime gave up for a reason of its own */
        ERROR("error"),
        /** the connection broke */
        LOST("lost"),
        /** no reply in time */
        TIMEOUT("timeout"),
        /** the message has no MIME to send */
        NODATA("nodata"),
        /** past its limits when it was taken from the outbox */
        EXPIRED("expired"),
        /** a reply line far longer than SMTP allows */
        OVERFLOW("overflow"),
        /** the TLS handshake failed */
        TLS("tls"),
        /** no IP to send from (an empty ips; 4.0 and later) */
        NO_IP("error"),
        /** the message cannot be sent at all (no recipient domain, a bad address) */
        INVALID("error");

        private final String type;

        Kind(String type) {
            this.type = type;
        }

        /** The 3.0 {@code type}. */
        public String type() {
            return type;
        }
    }

    /** Where the attempt ended, with the {@code state} each release writes for it. */
    public enum Phase {
        /** checks before any connection: limits, the message itself */
        PROCESS("connect", "process"),
        DNS("connect", "dns"),
        BIND("connect", "bind"),
        CONNECT("connect", "connect"),
        /** waiting for the greeting */
        GREETING("init", "intro"),
        EHLO("ehlo", "ehlo"),
        HELO("helo", "helo"),
        STARTTLS("starttls", "starttls"),
        // 3.0 names no state for AUTH at a smarthost
        AUTH_PLAIN("auth", "authplain"),
        AUTH_LOGIN("auth", "authlogin"),
        AUTH_USERNAME("auth", "authusername"),
        AUTH_PASSWORD("auth", "authpassword"),
        MAIL("mail from", "mailfrom"),
        RCPT("rcpt to", "rcptto"),
        /** the DATA command and mq_smtp_out_data */
        DATA("data", "data"),
        /** the MIME and its final dot were sent: the reply decides */
        MESSAGE("received", "message");

        private final String state30;
        private final String state513;

        Phase(String state30, String state513) {
            this.state30 = state30;
            this.state513 = state513;
        }

        /** The 2.1/3.x {@code state}. */
        public String state30() {
            return state30;
        }

        /** The 4.0-5.13 {@code state}. */
        public String state513() {
            return state513;
        }
    }

    /**
     * The result of an SMTP reply in {@code phase}: a 2xx after the message is a success, a failed greeting or
     * EHLO/HELO is {@code noaccess}, anything else an {@code error}, temporary for 4xx.
     */
    static AttemptResult reply(SmtpReply reply, Phase phase, String from, String to, String mta, boolean peerDsn) {
        int code = reply.code();
        String status = reply.status();
        StringBuilder description = new StringBuilder();
        for (int i = 0; i < reply.lines().size(); i++) {
            String text = reply.lines().get(i);
            // a status only some lines start with stays in the reply's text: taken out here, the first line's kept
            String lineStatus = reply.status() == null ? SmtpReply.leadingStatus(text) : null;
            if (lineStatus != null && lineStatus.charAt(0) - '0' == code / 100) {
                if (i == 0) {
                    status = lineStatus;
                }
                text = text.substring(lineStatus.length());
            }
            text = text.trim();
            if (text.isEmpty()) {
                continue;
            }
            if (description.length() > 0) {
                description.append(' ');
            }
            description.append(text);
        }
        boolean success = code / 100 == 2 && phase == Phase.MESSAGE;
        Kind kind = success ? Kind.SUCCESS
                : phase == Phase.GREETING || phase == Phase.EHLO || phase == Phase.HELO ? Kind.NOACCESS : Kind.ERROR;
        // 3.0 reschedules noaccess whatever the code (https://www.mailerq.com/documentation/3.0/result-queue); an error
        // only after a 4xx
        boolean temporary = kind == Kind.NOACCESS || (kind == Kind.ERROR && code / 100 == 4);
        return new AttemptResult(kind, phase, temporary, code, status, description.toString(), from, to, mta, peerDsn);
    }

    /** A failure without an SMTP reply; temporary as its kind is in MailerQ, an {@code error} as given. */
    static AttemptResult failure(Kind kind, Phase phase, boolean temporaryError, String description, String from,
                                 String to, String mta) {
        boolean temporary = switch (kind) {
            case NOHOSTS, REFUSED, CONNECT, NOACCESS, LOST, TIMEOUT, OVERFLOW, TLS -> true;
            case ERROR -> temporaryError;
            default -> false;
        };
        return new AttemptResult(kind, phase, temporary, 0, null, description, from, to, mta, false);
    }

    /** A failure before any connection (no addresses involved). */
    static AttemptResult before(Kind kind, Phase phase, String description) {
        return failure(kind, phase, false, description, null, null, null);
    }

    public boolean success() {
        return kind == Kind.SUCCESS;
    }

    /** For the log: the code and the description, or the type and the description when no reply was involved. */
    public String summary() {
        return (code > 0 ? code + " " : kind.type() + ": ") + description;
    }

    /** Whether the message is done with: delivered or failed for good. */
    public boolean permanent() {
        return success() || !temporary;
    }
}
