package dev.mqkit.harness.exercise;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mqkit.api.harness.TraceCodec;
import dev.mqkit.harness.MailerQ;
import dev.mqkit.harness.SmtpClient;
import dev.mqkit.harness.UnsolicitedReplyError;
import dev.mqkit.harness.process.RuntimeLauncher;
import dev.mqkit.harness.sink.SmtpSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The scripted scenario that reaches every hook a plugin can export: the
 * runtime in its own process, one SMTP session with STARTTLS, AUTH, MAIL,
 * two RCPTs and DATA, delivery of both messages to a sink acting as
 * smarthost (or wherever the plugins send them: the local queue, refused,
 * retried; the report says where each went), QUIT, then a graceful stop for
 * the clean-up hooks.
 */
public final class Exercise {

    static final String SENDER = "sender@exercise.mqkit.dev";
    static final List<String> RECIPIENTS = List.of("first@exercise.mqkit.dev", "second@exercise.mqkit.dev");
    static final String MIME = "From: <" + SENDER + ">\r\nTo: <" + RECIPIENTS.get(0) + ">, <" + RECIPIENTS.get(1)
            + ">\r\nSubject: mqkit exercise\r\nMessage-ID: <exercise@mqkit.dev>\r\n\r\n"
            + "This message was sent to reach every hook of the plugins under test.\r\n"
            + ".A line that starts with a dot.\r\n";

    private Exercise() {}

    /**
     * Runs the scenario against a runtime started from {@code runtime}; {@code timeout}
     * bounds every wait (each SMTP reply, the deliveries, the stop). Progress goes to
     * {@code progress}, one line a step.
     */
    public static ExerciseReport run(RuntimeLauncher runtime, Duration timeout, Consumer<String> progress) {
        return run(runtime, timeout, ExerciseExpectation.DELIVERED, progress);
    }

    /** As {@link #run(RuntimeLauncher, Duration, Consumer)}, its messages expected to go as {@code expect} says. */
    public static ExerciseReport run(RuntimeLauncher runtime, Duration timeout, ExerciseExpectation expect,
                                     Consumer<String> progress) {
        long started = System.nanoTime();
        List<String> problems = new ArrayList<>();
        List<String> transcript = List.of();
        List<MessageDestinations.Where> destinations = List.of();
        int delivered = 0;
        // AUTH is offered once the connection is secure; the plugins' mq_smtp_in_authenticate decides
        MailerQ mailerq;
        try {
            mailerq = MailerQ.start(runtime.traceFile(true).crashLog(true), SmtpSink.start(), timeout);
        } catch (RuntimeException e) {
            return new ExerciseReport(List.of(), List.of(), List.of(), 0, List.of(e.getMessage()), null,
                    Duration.ofNanos(System.nanoTime() - started));
        }
        try {
            progress.accept("runtime started (pid " + mailerq.process().pid() + "), sending one message to "
                    + RECIPIENTS.size() + " recipients");
            Dialogue dialogue = new Dialogue(mailerq.smtp(), problems);
            dialogue.step("EHLO", client -> client.ehlo("exercise.mqkit.dev"));
            dialogue.step("STARTTLS", SmtpClient::startTls);
            dialogue.step("EHLO", client -> client.ehlo("exercise.mqkit.dev"));
            dialogue.optional("AUTH PLAIN", client -> client.authPlain("exercise", "exercise"));
            dialogue.step("MAIL FROM", client -> client.mailFrom(SENDER));
            for (String recipient : RECIPIENTS) {
                dialogue.step("RCPT TO", client -> client.rcptTo(recipient));
            }
            boolean accepted = dialogue.step("DATA", client -> client.data(MIME));
            dialogue.optional("QUIT", SmtpClient::quit);
            transcript = dialogue.client().transcriptLines();
            if (accepted) {
                progress.accept("message accepted, waiting for it to be " + expect);
                destinations = awaitDestinations(mailerq, timeout, expect, problems);
                delivered = (int) destinations.stream()
                        .filter(where -> where.destination() == MessageDestinations.Destination.DELIVERED).count();
            }
        } catch (RuntimeException e) {
            problems.add("the exercise stopped: " + e.getMessage());
        } finally {
            progress.accept("stopping the runtime (mq_context_cleanup, mq_cleanup)");
            for (String problem : mailerq.stop()) {
                // the dialogue's own sentences may already explain it, e.g. a reply a plugin wrote
                if (problems.stream().noneMatch(known -> known.contains(problem))) {
                    problems.add(problem);
                }
            }
        }
        JsonNode trace = mailerq.process().finalTrace().orElse(null);
        return new ExerciseReport(trace == null ? List.of() : TraceCodec.plugins(trace.path("plugins")),
                trace == null ? List.of() : TraceCodec.calls(trace.path("calls")), transcript, delivered, problems,
                mailerq.exit().orElse(null), Duration.ofNanos(System.nanoTime() - started))
                .logged(trace == null ? List.of() : TraceCodec.logs(trace.path("logs")))
                .wentTo(destinations, expect);
    }

    /** Where each message went, waiting until each ended somewhere; a problem for each that went elsewhere. */
    private static List<MessageDestinations.Where> awaitDestinations(MailerQ mailerq, Duration timeout,
                                                                     ExerciseExpectation expect, List<String> problems) {
        try {
            List<MessageDestinations.Where> destinations = MessageDestinations.await(mailerq, RECIPIENTS, timeout);
            problems.addAll(expect.problems(destinations, timeout));
            return destinations;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add("interrupted while waiting for deliveries");
            return List.of();
        }
    }

    /** One SMTP session, step by step; a missing or negative reply is a problem naming the command. */
    private static final class Dialogue {

        private final SmtpClient client;
        private final List<String> problems;
        private boolean broken;

        Dialogue(SmtpClient client, List<String> problems) {
            this.client = client;
            this.problems = problems;
            SmtpClient.Reply greeting = client.greeting();
            if (greeting.code() != 220) {
                fail("the greeting", greeting);
            }
        }

        SmtpClient client() {
            return client;
        }

        /** A step whose reply must be positive; false when it was not, or an earlier step failed. */
        boolean step(String command, Function<SmtpClient, SmtpClient.Reply> send) {
            SmtpClient.Reply reply = send(send);
            if (reply != null && !reply.isPositive()) {
                fail(command, reply);
                return false;
            }
            return reply != null;
        }

        /** A step whose answer is the plugins' to give (AUTH), or that may go unanswered (QUIT). */
        void optional(String command, Function<SmtpClient, SmtpClient.Reply> send) {
            SmtpClient.Reply reply = send(send);
            if (reply != null && reply.code() < 0 && !"QUIT".equals(command)) {
                fail(command, reply);
            }
        }

        /** The reply, or null when an earlier step failed or the server sent a reply no command asked for. */
        private SmtpClient.Reply send(Function<SmtpClient, SmtpClient.Reply> send) {
            if (broken) {
                return null;
            }
            try {
                return send.apply(client);
            } catch (UnsolicitedReplyError e) {
                broken = true;
                problems.add(e.explanation());
                return null;
            }
        }

        private void fail(String command, SmtpClient.Reply reply) {
            broken = true;
            problems.add(reply.code() < 0
                    ? "no reply to " + command + " (connection closed or timed out)"
                    : command + " was answered " + reply);
            if (reply.code() < 0) {
                return;
            }
            // a plugin that answered the command itself is followed by MailerQ's own reply: that shows now
            try {
                client.assertNoUnsolicitedReply(Duration.ofMillis(500));
            } catch (UnsolicitedReplyError e) {
                problems.add(e.explanation());
            }
        }
    }
}
