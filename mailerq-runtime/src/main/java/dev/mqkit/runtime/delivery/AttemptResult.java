package dev.mqkit.runtime.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.runtime.smtp.SmtpReply;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * How one delivery attempt ended.
 *
 * @param type        the result's {@code type} in MailerQ 3.x: success, error, or nohosts (no host to connect to)
 * @param success     whether the server accepted the message after DATA
 * @param temporary   for failures: whether a later attempt may succeed (4xx, connection trouble)
 * @param code        the SMTP reply code, or 0 when no reply was involved (e.g. connection refused)
 * @param status      the enhanced status code (from the reply, else the generic one of its class); null for
 *                    nohosts
 * @param description the reply text without the status code, or what went wrong
 * @param state       where in the dialogue it ended: connect, ehlo, starttls, auth, mail from,
 *                    rcpt to, data, accept
 * @param from        local IP address, or null when no connection was made
 * @param to          remote IP address, or null when none was found
 */
public record AttemptResult(String type, boolean success, boolean temporary, int code, String status,
                            String description, String state, String from, String to) {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    /** The result of an SMTP reply. */
    static AttemptResult reply(int code, List<? extends CharSequence> lines, String state, String from, String to) {
        String status = null;
        StringBuilder description = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).toString();
            String lineStatus = SmtpReply.leadingStatus(text);
            if (lineStatus != null && lineStatus.charAt(0) - '0' == code / 100) {
                if (i == 0) {
                    status = lineStatus;
                }
                text = text.substring(lineStatus.length());
            }
            if (description.length() > 0) {
                description.append(' ');
            }
            description.append(text.trim());
        }
        if (status == null) {
            status = (code / 100) + ".0.0";
        }
        boolean success = code / 100 == 2;
        return new AttemptResult(success ? "success" : "error", success, code / 100 == 4, code, status,
                description.toString(), state, from, to);
    }

    /** A failure without an SMTP reply (connection, TLS, timeout, plugin). */
    static AttemptResult failure(boolean temporary, String status, String description, String state, String from,
                                 String to) {
        return new AttemptResult("error", false, temporary, 0, status, description, state, from, to);
    }

    /**
     * No host to connect to was found (MailerQ's {@code nohosts}): no reply was involved, so there is no
     * code or status, and no addresses.
     */
    static AttemptResult noHosts(boolean temporary, String description) {
        return new AttemptResult("nohosts", false, temporary, 0, null, description, "connect", null, null);
    }

    /** For the log: the code and the description, or the type and the description when no reply was involved. */
    public String summary() {
        return (code > 0 ? code + " " : status == null ? type + ": " : "") + description;
    }

    /** Whether the message is done with: delivered or failed for good. */
    public boolean permanent() {
        return success || !temporary;
    }

    /** The entry appended to the message's {@code results} array. */
    public ObjectNode toJson(ObjectNode target, int attempt, Instant time) {
        target.put("attempt", attempt);
        target.put("type", type);
        target.put("time", TIME.format(time));
        if (from != null) {
            target.put("from", from);
        }
        if (to != null) {
            target.put("to", to);
        }
        if (status != null) {
            target.put("code", code);
            target.put("status", status);
        }
        target.put("description", description);
        target.put("state", state);
        return target;
    }
}
