package dev.mqkit.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.config.RuntimeConfig;
import dev.mqkit.api.fixtures.BothGenerations;
import dev.mqkit.harness.sink.ReceivedMessage;
import dev.mqkit.harness.sink.SmtpSink;
import dev.mqkit.runtime.fixtures.Arrivals;
import dev.mqkit.runtime.fixtures.TestKit;
import dev.mqkit.runtime.fixtures.TestPlugins;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Mail through the whole embedded MTA: a real SMTP client in, C plugins on every hook, a real sink out. */
@BothGenerations
class MailerQRuntimeTest {

    private final MailerqRelease release;
    private SmtpSink sink;
    private MailerQRuntime runtime;

    MailerQRuntimeTest(MailerqRelease release) {
        this.release = release;
    }

    @BeforeEach
    void start() {
        TestKit.reset();
        sink = SmtpSink.start();
        runtime = MailerQRuntime.start(RuntimeConfig.defaults()
                .with("mailerq-version", release.toString())
                .with("plugin-directory", TestPlugins.ordered(release, "a", "b").toString())
                .with("workers", "1")
                .with("smtp-port", "0")
                .with("smarthost", "127.0.0.1")
                .with("smarthost-port", String.valueOf(sink.port())));
    }

    @AfterEach
    void stop() {
        runtime.close();
        sink.close();
    }

    private void send(String from, String... to) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(runtime.ports().plain().get(0)));
        Session session = Session.getInstance(properties);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        for (String recipient : to) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
        }
        message.setSubject("through every hook");
        message.setText("Hello.\n.A line that starts with a dot.\n");
        Transport.send(message);
    }

    @Test
    void mailGoesThroughEveryIncomingHookAndOutToTheSmarthost() throws Exception {
        send("sender@example.com", "one@example.org", "two@example.org");

        List<ReceivedMessage> delivered = sink.awaitMessages(2, Duration.ofSeconds(20));
        Arrivals.take(runtime.queues(), runtime.queues().names().success(), Duration.ofSeconds(10));
        Arrivals.take(runtime.queues(), runtime.queues().names().success(), Duration.ofSeconds(10));

        assertEquals(List.of("one@example.org", "two@example.org"),
                delivered.stream().map(ReceivedMessage::recipient).sorted().toList());
        assertTrue(delivered.get(0).mime().contains("\r\n.A line that starts with a dot.\r\n"),
                "dot-stuffing survives the round trip: " + delivered.get(0).mime());

        // each hook's line starts with the plugin and the hook; the DATA line goes on with the message
        List<String> hooks = TestKit.take().stream().map(line -> line.split(" ", 3))
                .filter(words -> words.length > 1 && words[1].startsWith("mq_smtp_"))
                .map(words -> words[0] + " " + words[1]).toList();
        List<String> incoming = hooks.stream().filter(line -> line.contains("mq_smtp_in_")).toList();
        assertEquals(List.of(
                "a mq_smtp_in_connect", "b mq_smtp_in_connect",
                "a mq_smtp_in_mailfrom", "b mq_smtp_in_mailfrom",
                "a mq_smtp_in_rcptto", "b mq_smtp_in_rcptto",
                "a mq_smtp_in_rcptto", "b mq_smtp_in_rcptto",
                "a mq_smtp_in_data", "b mq_smtp_in_data",
                "a mq_smtp_in_message", "b mq_smtp_in_message",
                "a mq_smtp_in_message", "b mq_smtp_in_message",
                "a mq_smtp_in_close", "b mq_smtp_in_close"), incoming);
        assertEquals(4, hooks.stream().filter(line -> line.contains("mq_smtp_out_data")).count(), hooks.toString());
        assertEquals(List.of(), runtime.host().violations());
    }

    @Test
    void outDataRewritesTheWireWhileResultsKeepTheJson() throws Exception {
        TestKit.set("a", "rewrite", 1);

        send("sender@example.com", "one@example.org");

        ReceivedMessage delivered = sink.awaitMessages(1, Duration.ofSeconds(20)).get(0);
        ObjectNode result = Arrivals.take(runtime.queues(), runtime.queues().names().success(), Duration.ofSeconds(10));
        assertTrue(delivered.mime().startsWith("X-Plugin: a\r\n"), delivered.mime());
        assertEquals("sender@example.com", delivered.envelope(), "MAIL FROM was sent before mq_smtp_out_data");
        assertEquals("sender@example.com", result.get("envelope").asText());
        assertEquals("a,b,a,b", result.get("trail").asText(), "in_message and out_data edits of the JSON are kept");
    }
}
