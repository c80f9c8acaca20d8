package dev.mqkit.runtime.rabbitmq;

import static dev.mqkit.api.fixtures.TestReleases.MAILERQ_5_13;
import static dev.mqkit.test.MailerQAssertions.assertDeliveredTo;
import static dev.mqkit.test.MailerQAssertions.assertHookCalled;
import static dev.mqkit.test.MailerQAssertions.assertReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.mqkit.harness.MailerQ;
import dev.mqkit.harness.SmtpClient;
import dev.mqkit.runtime.fixtures.TestPlugins;
import dev.mqkit.test.MailerQExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A plugin's JUnit tests on the broker, as an author runs them with {@code mailerq.config.rabbitmq-address}:
 * the runtime in its own process keeps its queues on RabbitMQ, and the JUnit API inspects them there.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MailerQTestOnBrokerIT {

    @RegisterExtension
    @Order(1)
    static Extension vhost = TestBroker.extensionFor(MailerQTestOnBrokerIT.class);

    @RegisterExtension
    @Order(2)
    static MailerQExtension extension = MailerQExtension
            .withPluginDirectory(() -> TestPlugins.ordered(MAILERQ_5_13, "a", "b"))
            .config("rabbitmq-address", TestBroker.addressFor(MailerQTestOnBrokerIT.class))
            .config("workers", "1")
            .timeout(Duration.ofSeconds(20));

    @Test
    @Order(1)
    void mailGoesThroughTheBrokerAndTheQueuesAreInspectedThere(MailerQ mailerq) throws Exception {
        try (SmtpClient smtp = mailerq.smtp()) {
            assertReply(220, smtp.greeting());
            assertReply(250, smtp.ehlo("client.example"));
            assertReply(250, smtp.mailFrom("sender@example.com"));
            assertReply(250, smtp.rcptTo("one@broker.example"));
            assertReply(250, smtp.data("Subject: on the broker\r\n\r\nHello.\r\n"));
            assertReply(221, smtp.quit());
        }
        assertDeliveredTo(mailerq, "one@broker.example");
        assertHookCalled(mailerq, "20-b.so", "mq_smtp_out_data");

        // a snapshot leaves the result where it is: on the broker, in the vhost of this class
        List<ObjectNode> results = awaitSnapshot(mailerq.results());
        assertEquals("one@broker.example", results.get(0).path("recipient").asText());
        assertEquals(1, messagesOnBroker(mailerq.results().name()), "the results queue on the broker");
        // take removes it there
        assertEquals("one@broker.example", mailerq.results().take().path("recipient").asText());
        assertEquals(0, messagesOnBroker(mailerq.results().name()));
        assertEquals("message", mailerq.success().take().path("results").get(0).path("state").asText());
    }

    @Test
    @Order(2)
    void aMessageSentToTheOutboxFromATestIsDeliveredFromTheBroker(MailerQ mailerq) {
        mailerq.sendToOutbox("{\"envelope\": \"sender@example.com\", \"recipient\": \"two@broker.example\", "
                + "\"mime\": \"Subject: straight to the outbox\\r\\n\\r\\nHello.\\r\\n\"}");
        assertDeliveredTo(mailerq, "one@broker.example", "two@broker.example");
        assertEquals("two@broker.example", mailerq.success().take().path("recipient").asText());
    }

    private static List<ObjectNode> awaitSnapshot(MailerQ.Queue queue) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<ObjectNode> snapshot = queue.snapshot();
        while (snapshot.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            snapshot = queue.snapshot();
        }
        assertTrue(!snapshot.isEmpty(), "nothing arrived in " + queue.name());
        return snapshot;
    }

    private static long messagesOnBroker(String queue) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(TestBroker.addressFor(MailerQTestOnBrokerIT.class));
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            return channel.queueDeclarePassive(queue).getMessageCount();
        }
    }
}
