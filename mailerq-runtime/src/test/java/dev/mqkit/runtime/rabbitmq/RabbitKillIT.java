package dev.mqkit.runtime.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.fixtures.BothGenerations;
import dev.mqkit.harness.process.RuntimeLauncher;
import dev.mqkit.harness.process.RuntimeProcess;
import dev.mqkit.harness.sink.ReceivedMessage;
import dev.mqkit.harness.sink.SmtpSink;
import dev.mqkit.harness.sink.Stage;
import dev.mqkit.runtime.smtp.server.RawSmtpClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a runtime process on the broker loses nothing it answered 250: neither the mail waiting for
 * delivery, nor the mail in flight (unacknowledged, so the broker gives it back), nor a retry waiting for
 * its time (a delayed publication the broker holds). A second runtime started afterwards delivers it all.
 */
@BothGenerations
class RabbitKillIT {
    private static final int MESSAGES = 30;
    @RegisterExtension
    static TestBroker.Vhost vhost = TestBroker.extensionFor(RabbitKillIT.class);

    private final MailerqRelease release;

    @TempDir
    Path work;

    RabbitKillIT(MailerqRelease release) {
        this.release = release;
    }

    private RuntimeLauncher runtime(SmtpSink sink, String name) {
        String queue = release.toString().replace('.', '_') + "-";
        RuntimeLauncher launcher = RuntimeProcess.builder().workDirectory(work.resolve(name))
                .config("mailerq-version", release.toString())
                .config("smarthost", "127.0.0.1").config("smarthost-port", String.valueOf(sink.port()))
                // retries come soon in either release: 3.0's back-off, 4.0+'s retry-interval
                .config("delivery-retry-delay", "1s").config("retry-interval", "1s");
        TestBroker.queues(queue).forEach(launcher::config);
        vhost.broker().keys(release).forEach(launcher::config);
        return launcher;
    }

    private static int send(int port, String recipient) throws IOException {
        try (RawSmtpClient client = new RawSmtpClient(port)) {
            client.reply();
            client.command("EHLO client.test");
            client.command("MAIL FROM:<a@example.com>");
            client.command("RCPT TO:<" + recipient + ">");
            client.command("DATA");
            return client.command("Subject: " + recipient + "\r\n\r\nhello\r\n.").code();
        }
    }

    @Test
    void kill9LosesNothingThatWasAnswered250() throws Exception {
        Set<String> accepted = new HashSet<>();
        try (SmtpSink refusing = SmtpSink.start()) {
            // every attempt of the first runtime fails for now: its mail is in the outbox, in flight or waiting to retry
            refusing.when(Stage.RCPT).reply(451, "4.7.1 try again later");
            RuntimeProcess first = runtime(refusing, "first").start();
            try {
                for (int i = 0; i < MESSAGES; i++) {
                    String recipient = "k" + i + "@example.org";
                    assertEquals(250, send(first.smtpPorts().get(0), recipient), recipient);
                    accepted.add(recipient);
                }
                long deadline = System.currentTimeMillis() + 20_000;
                while (refusing.commands().stream().filter(c -> c.startsWith("RCPT")).count() < MESSAGES
                        && System.currentTimeMillis() < deadline) {
                    Thread.sleep(50);
                }
            } finally {
                first.kill();
            }
        }
        try (SmtpSink sink = SmtpSink.start(); RuntimeProcess second = runtime(sink, "second").start()) {
            long deadline = System.currentTimeMillis() + 60_000;
            Set<String> delivered = Set.of();
            while (!delivered.containsAll(accepted) && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
                delivered = sink.messages().stream().map(ReceivedMessage::recipient).collect(Collectors.toSet());
            }
            Set<String> lost = new HashSet<>(accepted);
            lost.removeAll(delivered);
            assertEquals(Set.of(), lost, "answered 250, then lost by kill -9");
            JsonNode successes = second.control().get("/queues/success");
            boolean retried = false;
            for (JsonNode success : successes) {
                retried |= success.path("results").size() >= 2;
            }
            assertTrue(retried, "a retry of the killed runtime kept its first attempt: " + successes);
            second.stop(Duration.ofSeconds(20));
        }
    }
}
