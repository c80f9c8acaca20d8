package dev.mqkit.runtime.delivery;

import static dev.mqkit.runtime.delivery.DeliveryFixture.WAIT;
import static dev.mqkit.runtime.delivery.DeliveryFixture.baseConfig;
import static dev.mqkit.runtime.delivery.DeliveryFixture.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.api.config.RuntimeConfig;
import dev.mqkit.harness.sink.SmtpSink;
import dev.mqkit.runtime.fixtures.Arrivals;
import dev.mqkit.runtime.queue.InMemoryQueues;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Delivery without a smarthost: MX look-ups answered by a local DNS responder. */
class MxDeliveryTest {
    @RegisterExtension
    static final DeliveryFixture delivery = new DeliveryFixture();

    private TestDnsServer dns;
    private SmtpSink primary;
    private SmtpSink backup;
    private InMemoryQueues queues;

    @BeforeEach
    void start() throws Exception {
        dns = delivery.closeAfterTest(new TestDnsServer(delivery.workers()));
        primary = delivery.plainSink();
        // the backup MX: same port, another loopback address
        backup = delivery.closeAfterTest(SmtpSink.builder().tls(false).bind("127.0.0.2", primary.port()).start());
        RuntimeConfig config = baseConfig()
                .with("dns-resolver", "127.0.0.1:" + dns.address().getPort())
                .with("delivery-port", String.valueOf(primary.port()))
                .with("delivery-max-attempts", "1");
        queues = delivery.start(config, DeliveryHooks.NONE).queues();
    }

    @Test
    void lowestPreferenceFirst() throws Exception {
        // listed backup first: the order must come from the preference, not the answer
        dns.mx("example.test", 20, "backup.example.test").mx("example.test", 10, "primary.example.test")
                .a("primary.example.test", "127.0.0.1").a("backup.example.test", "127.0.0.2");
        queues.publishToOutbox(message("someone@example.test"));
        ObjectNode success = Arrivals.take(queues, "success", WAIT);
        assertEquals("127.0.0.1", success.get("results").get(0).get("to").asText());
        assertEquals("someone@example.test", primary.awaitMessages(1, WAIT).get(0).recipient());
        assertEquals(0, backup.messages().size());
        assertTrue(dns.questions().contains("MX example.test."), dns.questions().toString());
    }

    @Test
    void nextMxWhenTheFirstCannotBeReached() throws Exception {
        primary.close();
        dns.mx("example.test", 10, "primary.example.test").mx("example.test", 20, "backup.example.test")
                .a("primary.example.test", "127.0.0.1").a("backup.example.test", "127.0.0.2");
        queues.publishToOutbox(message("someone@example.test"));
        ObjectNode success = Arrivals.take(queues, "success", WAIT);
        assertEquals("127.0.0.2", success.get("results").get(0).get("to").asText());
        assertEquals(1, backup.awaitMessages(1, WAIT).size());
    }

    @Test
    void domainWithoutMxIsItsOwnMailHost() throws Exception {
        dns.a("plain.test", "127.0.0.1");
        queues.publishToOutbox(message("someone@plain.test"));
        Arrivals.take(queues, "success", WAIT);
        assertEquals("someone@plain.test", primary.awaitMessages(1, WAIT).get(0).recipient());
        assertTrue(dns.questions().contains("MX plain.test."), dns.questions().toString());
        assertTrue(dns.questions().contains("A plain.test."), dns.questions().toString());
    }

    @Test
    void unknownDomainIsRetriedAsNoHosts() throws Exception {
        ObjectNode m = message("someone@nowhere.test");
        m.put("maxattempts", 2);
        queues.publishToOutbox(m);
        ObjectNode failure = Arrivals.take(queues, "failure", WAIT);
        // rescheduled like any nohosts (DNS may be down for a while,
        // https://www.mailerq.com/documentation/3.0/result-queue) until maxattempts
        assertEquals(1, queues.size("retry"), failure.toString());
        assertEquals(2, failure.get("results").size(), failure.toString());
        JsonNode entry = failure.get("results").get(1);
        // MailerQ's result for a delivery that found no host: no reply, so no code, no status, no addresses
        assertEquals("nohosts", entry.get("type").asText(), entry.toString());
        assertEquals(2, entry.get("attempt").asInt(), entry.toString());
        assertEquals("connect", entry.get("state").asText(), entry.toString());
        assertEquals("no host found: the domain nowhere.test does not exist (NXDOMAIN)",
                entry.get("description").asText(), entry.toString());
        for (String absent : List.of("code", "status", "from", "to")) {
            assertFalse(entry.has(absent), absent + " is left out: " + entry);
        }
        assertEquals("nowhere.test", failure.get("domain").asText(), "3.0's top-level domain");
    }
}
