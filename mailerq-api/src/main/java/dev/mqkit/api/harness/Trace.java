package dev.mqkit.api.harness;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;

/**
 * The records of the runtime's hook trace, as it serves them on its control channel ({@code /trace},
 * {@code /violations}, {@code /running}), writes them to {@code trace.json} and appends them to the crash log,
 * and as the harness reads them back ({@link TraceCodec}).
 */
public final class Trace {

    private Trace() {}

    /**
     * One hook call. {@code returned} is null while the hook runs; {@code handBack}
     * is null until control came back (and stays null when the hook returned false).
     *
     * @param seq          order of the call, from 1
     * @param hook         the exported function: a hook, or mq_initialize / mq_cleanup (worker -1, which are
     *                     void and so recorded as returning false)
     * @param arguments    what the hook received: MAIL FROM / RCPT TO text, the MIME of DATA (cut),
     *                     the AUTH login, or empty
     * @param message      for mq_smtp_in_message and mq_smtp_out_data, the JSON before the hook
     * @param hookMillis   time inside the hook
     * @param handBackMillis time from the call until the hand-back, when there was one
     * @param early        whether the plugin handed back inside the hook, before returning true
     */
    public record Call(long seq, String plugin, String hook, int worker, String arguments, JsonNode message,
                       Boolean returned, String handBack, String handBackFunction, Double hookMillis,
                       Double handBackMillis, boolean early) {

        public Call {
            // read back from JSON, a missing message is a JSON null: the same as none
            if (message != null && message.isNull()) {
                message = null;
            }
        }

        /** Whether control is back with the host (the hook returned false, or the plugin handed back). */
        public boolean finished() {
            return Boolean.FALSE.equals(returned) || handBack != null;
        }

        /** This call once its hook returned after {@code nanos}; {@code tookControl}: it returned true. */
        public Call returned(boolean tookControl, long nanos) {
            return new Call(seq, plugin, hook, worker, arguments, message, tookControl, null, null, nanos / 1e6, null,
                    false);
        }

        /**
         * This call once its plugin handed back: {@code how} (CONTINUE, COMPLETE, RETRY), with {@code function} of
         * the played API, {@code waitedNanos} after the call (0: inside the hook).
         */
        public Call handedBack(String how, String function, long waitedNanos) {
            boolean inside = waitedNanos == 0;
            return new Call(seq, plugin, hook, worker, arguments, message, returned, how, function,
                    hookMillis, inside ? hookMillis : waitedNanos / 1e6, inside);
        }

        @Override
        public String toString() {
            String how = returned == null ? "still running"
                    : !returned ? "returned false"
                    : handBack == null ? "returned true, no hand-back yet"
                    : "returned true, " + handBackFunction + (early ? " inside the hook" : " after "
                    + String.format(Locale.ROOT, "%.1f ms", handBackMillis));
            String shown = message != null ? " " + message : arguments == null || arguments.isEmpty() ? ""
                    : " \"" + (arguments.length() > 80 ? arguments.substring(0, 80) + "..." : arguments) + "\"";
            return "#" + seq + " " + plugin + " " + hook + shown + " on worker " + worker + ": " + how;
        }
    }

    /** A plugin as it was loaded: what its mq_version() returned and the functions it exports, in call order. */
    public record Loaded(String plugin, int version, List<String> exports) {}

    /**
     * Bytes a plugin wrote to an SMTP client with {@code function} (MQ_SmtpSend), during its call of
     * {@code hook} (null when none of its calls on that connection was under way).
     */
    public record Sent(String plugin, String hook, int worker, String function, String text) {

        /**
         * Whether the text holds a complete reply (a line of three digits and a space, or of three digits
         * alone): the client takes it for the answer to its command, and the host's own reply follows it.
         */
        public boolean holdsReply() {
            for (String line : text.split("\\r?\\n")) {
                if (line.matches("\\d{3}( .*)?")) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * A line a plugin wrote with MQ_log: {@code source} is its file name (or the library's that called
     * MQ_log), {@code priority} as MailerQ prints it: Critical, Warning or Info.
     */
    public record Logged(String source, String priority, String message) {
        @Override
        public String toString() {
            return "[" + priority + "] [" + source + "] " + message;
        }
    }

    /** A rule of the plugin API that a plugin broke; plugin is null when the runtime could not tell which. */
    public record Violation(String plugin, String message) {
        @Override
        public String toString() {
            return message;
        }
    }

    /** A hook call still inside the plugin's function. */
    public record Running(String plugin, String hook, int worker, long millis) {
        @Override
        public String toString() {
            return plugin + " has been inside " + hook + " on worker " + worker + " for " + millis + " ms";
        }
    }
}
