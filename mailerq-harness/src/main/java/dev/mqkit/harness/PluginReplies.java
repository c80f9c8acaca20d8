package dev.mqkit.harness;

import dev.mqkit.api.harness.Trace;
import java.util.ArrayList;
import java.util.List;

/**
 * Replies that plugins wrote to SMTP clients themselves (with MQ_SmtpSend), as the trace records them.
 * MailerQ sends its own reply to every command after the hooks, so a plugin's reply is one more than the
 * client asked for, and every later reply answers the command before it: a desynchronised session.
 */
final class PluginReplies {

    private PluginReplies() {}

    /** One sentence per reply a plugin wrote during an incoming command's hook, naming plugin, hook and function. */
    static List<String> problems(List<Trace.Sent> sends) {
        List<String> problems = new ArrayList<>();
        for (Trace.Sent sent : sends) {
            boolean incoming = sent.hook() == null || sent.hook().startsWith("mq_smtp_in_");
            if (incoming && !"mq_smtp_in_close".equals(sent.hook()) && sent.holdsReply()) {
                String problem = sent.plugin() + " wrote the reply \"" + sent.text().strip() + "\" with "
                        + sent.function() + (sent.hook() == null ? "" : " in " + sent.hook())
                        + ", and MailerQ sends its own reply to the command after it: the client receives more "
                        + "replies than it sent commands, so each later reply answers the command before. "
                        + "A plugin cannot refuse or answer a command this way: drop the " + sent.function()
                        + " call, and to keep mail out decide in mq_smtp_in_message (see \"What a plugin can do to "
                        + "a command\" on the Writing plugins page of the mqkit documentation)";
                if (!problems.contains(problem)) {
                    problems.add(problem);
                }
            }
        }
        return problems;
    }
}
