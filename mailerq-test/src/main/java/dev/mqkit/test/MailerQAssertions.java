package dev.mqkit.test;

import dev.mqkit.api.harness.Trace;
import dev.mqkit.harness.MailerQ;
import dev.mqkit.harness.SmtpClient;
import dev.mqkit.harness.sink.ReceivedMessage;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** Assertions for plugin tests; every failure shows the SMTP transcripts. */
public final class MailerQAssertions {

    private MailerQAssertions() {}

    /** The reply has this code; returns it. */
    public static SmtpClient.Reply assertReply(int code, SmtpClient.Reply reply) {
        if (reply.code() != code) {
            throw new AssertionError("expected reply " + code + " but got " + reply + "\n" + reply.transcript());
        }
        return reply;
    }

    /** The reply is 2xx or 3xx; returns it. */
    public static SmtpClient.Reply assertPositive(SmtpClient.Reply reply) {
        if (!reply.isPositive()) {
            throw new AssertionError("expected a positive reply but got " + reply + "\n" + reply.transcript());
        }
        return reply;
    }

    /** At least {@code count} messages arrive at the sink within the runtime's timeout; returns them. */
    public static List<ReceivedMessage> assertDelivered(MailerQ mailerq, int count) {
        List<ReceivedMessage> messages;
        try {
            messages = mailerq.sink().awaitMessages(count, mailerq.timeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw mailerq.fail("interrupted while waiting for delivery");
        }
        if (messages.size() < count) {
            throw mailerq.fail("expected " + count + " message(s) at the sink within " + mailerq.timeout().toMillis()
                    + " ms, got " + messages.size() + "; the sink saw: " + mailerq.sink().commands());
        }
        return messages;
    }

    /**
     * Within the timeout, the sink received a message for each of these recipients;
     * returns those messages, in the order of the recipients.
     */
    public static List<ReceivedMessage> assertDeliveredTo(MailerQ mailerq, String... recipients) {
        long deadline = System.nanoTime() + mailerq.timeout().toNanos();
        while (true) {
            List<ReceivedMessage> messages = mailerq.sink().messages();
            List<ReceivedMessage> found = new java.util.ArrayList<>();
            for (String recipient : recipients) {
                messages.stream().filter(message -> message.recipients().contains(recipient)).findFirst()
                        .ifPresent(found::add);
            }
            if (found.size() == recipients.length) {
                return found;
            }
            if (System.nanoTime() > deadline) {
                throw mailerq.fail("expected messages for " + List.of(recipients) + " at the sink within "
                        + mailerq.timeout().toMillis() + " ms; it received them for "
                        + messages.stream().map(ReceivedMessage::recipients).toList() + "; the sink saw: "
                        + mailerq.sink().commands());
            }
            sleep(Duration.ofMillis(50));
        }
    }

    /** The plugin's hook was called at least once; returns its calls. */
    public static List<Trace.Call> assertHookCalled(MailerQ mailerq, String plugin, String hook) {
        List<Trace.Call> trace = mailerq.trace();
        List<Trace.Call> calls = trace.stream()
                .filter(call -> call.plugin().equals(plugin) && call.hook().equals(hook)).toList();
        if (calls.isEmpty()) {
            throw mailerq.fail(hook + " of " + plugin + " was not called; the hook trace:\n  "
                    + trace.stream().map(Trace.Call::toString).collect(Collectors.joining("\n  ")));
        }
        return calls;
    }

    /** Within the timeout, the hook trace holds a call of this hook by this plugin that finished. */
    public static Trace.Call awaitHookFinished(MailerQ mailerq, String plugin, String hook) {
        long deadline = System.nanoTime() + mailerq.timeout().toNanos();
        while (true) {
            List<Trace.Call> calls = mailerq.trace(plugin, hook).stream().filter(Trace.Call::finished).toList();
            if (!calls.isEmpty()) {
                return calls.get(calls.size() - 1);
            }
            if (System.nanoTime() > deadline) {
                throw mailerq.fail(hook + " of " + plugin + " did not finish within " + mailerq.timeout().toMillis()
                        + " ms; calls: " + mailerq.trace(plugin, hook));
            }
            sleep(Duration.ofMillis(50));
        }
    }

    /** No plugin broke a rule of the plugin API so far. */
    public static void assertNoViolations(MailerQ mailerq) {
        List<Trace.Violation> violations = mailerq.violations();
        if (!violations.isEmpty()) {
            throw mailerq.fail("plugin API violations: " + violations);
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
