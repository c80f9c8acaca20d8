package dev.mqkit.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.api.Hook;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.fixtures.BothGenerations;
import dev.mqkit.api.fixtures.TestReleases;
import dev.mqkit.harness.sink.ReceivedMessage;
import dev.mqkit.runtime.MailerQRuntime;
import dev.mqkit.runtime.fixtures.Arrivals;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.runtime.fixtures.TestKit;
import dev.mqkit.runtime.fixtures.TestPlugins;
import dev.mqkit.runtime.smtp.server.RawSmtpClient;
import dev.mqkit.smtp.SaslCredentials;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Plugin a takes control in every hook and hands back from a timer DELAY ms later (in 5.x, where the
 * context hooks are void, in every hook but those); plugin b returns false. Mail still flows, b runs only after a handed back, and every reply waits for
 * its command's chain.
 */
@BothGenerations
class AsyncHandBackE2ETest {

    private static final int DELAY = 80;

    private final MailerqRelease release;

    @RegisterExtension
    final E2eFixture fixture;
    private MailerQRuntime runtime;
    private final E2e.Trace trace = new E2e.Trace();

    AsyncHandBackE2ETest(MailerqRelease release) {
        this.release = release;
        this.fixture = new E2eFixture(release);
    }

    @BeforeEach
    void start() {
        for (Hook hook : Hook.values()) {
            TestKit.script("a", hook.symbol(), TestKit.Action.TIMER_CONTINUE, DELAY);
        }
        // and the 5.x hook mq_smtp_out_sent
        TestKit.script("a", "mq_smtp_out_sent", TestKit.Action.TIMER_CONTINUE, DELAY);
        TestKit.set("a", "verdict", 1);
        runtime = fixture.start(TestPlugins.ordered(release, "a", "b"));
    }

    /** Runs the command and checks that its reply came DELAY ms or later after it was sent. */
    private static RawSmtpClient.Reply waited(RawSmtpClient client, String command, int delays) throws Exception {
        return waited(System.nanoTime(), client, command, delays);
    }

    /**
     * As {@link #waited(RawSmtpClient, String, int)}, timed from {@code start}: for the greeting, from before the
     * connection was opened, since the connect hook and its timer start as soon as the server accepts it.
     */
    private static RawSmtpClient.Reply waited(long start, RawSmtpClient client, String command, int delays)
            throws Exception {
        RawSmtpClient.Reply reply = command == null ? client.reply() : client.command(command);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= (long) DELAY * delays, (command == null ? "the greeting" : command) + " was answered after "
                + millis + " ms, before plugin a handed back: " + reply);
        return reply;
    }

    @Test
    void everyReplyWaitsForItsChainAndMailStillFlows() throws Exception {
        trace.awaitLine("b mq_context_initialize");
        trace.clear();
        long connecting = System.nanoTime();
        try (RawSmtpClient client = new RawSmtpClient(E2e.plainPort(runtime))) {
            assertEquals(220, waited(connecting, client, null, 1).code());
            assertEquals(250, client.command("EHLO client.example").code());
            assertEquals(220, client.command("STARTTLS").code());
            client.upgrade();
            assertEquals(250, waited(client, "EHLO client.example", 1).code(), "EHLO waits for mq_smtp_in_secure");
            assertEquals(235, waited(client, "AUTH PLAIN " + new SaslCredentials("alice", "s3cret").plainResponse(), 1).code());
            assertEquals(250, waited(client, "MAIL FROM:<sender@example.com>", 1).code());
            assertEquals(250, waited(client, "RCPT TO:<one@example.org>", 1).code());
            assertEquals(250, waited(client, "RCPT TO:<two@example.org>", 1).code());
            assertEquals(354, client.command("DATA").code());
            client.write("Subject: async\r\n\r\nHello.\r\n.\r\n");
            // mq_smtp_in_data once, then mq_smtp_in_message once per recipient
            assertEquals(250, waited(client, null, 3).code());
            assertEquals(221, client.command("QUIT").code());
        }

        List<ReceivedMessage> delivered = fixture.sink().awaitMessages(2, Duration.ofSeconds(10));
        assertEquals(List.of("one@example.org", "two@example.org"),
                delivered.stream().map(ReceivedMessage::recipient).sorted().toList());
        for (int i = 0; i < 2; i++) {
            ObjectNode result = Arrivals.take(runtime.queues(), runtime.queues().names().success(), Duration.ofSeconds(10));
            // the login is in the 4.0+ connection{}; 3.0's JSON has no connection
            assertEquals(TestReleases.connectionGeneration(release) ? "alice" : "",
                    result.path("connection").path("user").asText(), result.toString());
        }
        trace.awaitLine("b mq_smtp_in_close ");

        // a, its timer, then b: for every incoming hook, in the order of the dialogue
        List<String> incoming = trace.all().stream()
                .filter(line -> line.matches("(?s)[ab] mq_smtp_in_.*") || line.startsWith("a timer fired for ")
                        && !line.startsWith("a timer fired for mq_smtp_out_"))
                .map(line -> line.startsWith("a timer") ? "a timer" : line.split(" ")[0] + " " + line.split(" ")[1])
                .toList();
        assertEquals(List.of(
                "a mq_smtp_in_connect", "a timer", "b mq_smtp_in_connect",
                "a mq_smtp_in_secure", "a timer", "b mq_smtp_in_secure",
                "a mq_smtp_in_authenticate", "a timer", "b mq_smtp_in_authenticate",
                "a mq_smtp_in_mailfrom", "a timer", "b mq_smtp_in_mailfrom",
                "a mq_smtp_in_rcptto", "a timer", "b mq_smtp_in_rcptto",
                "a mq_smtp_in_rcptto", "a timer", "b mq_smtp_in_rcptto",
                "a mq_smtp_in_data", "a timer", "b mq_smtp_in_data",
                "a mq_smtp_in_message", "a timer", "b mq_smtp_in_message",
                "a mq_smtp_in_message", "a timer", "b mq_smtp_in_message",
                "a mq_smtp_in_close", "a timer", "b mq_smtp_in_close"), incoming);

        // outgoing: each delivery's b only after a's timer, in mq_smtp_out_data and (5.x) mq_smtp_out_sent
        List<String> outgoingHooks = TestReleases.connectionGeneration(release)
                ? List.of("mq_smtp_out_data", "mq_smtp_out_sent") : List.of("mq_smtp_out_data");
        for (String hook : outgoingHooks) {
            List<String> outgoing = trace.all().stream()
                    .filter(line -> line.matches("(?s)[ab] " + hook + " .*") || line.equals("a timer fired for " + hook))
                    .map(line -> line.startsWith("a timer") ? "a timer" : line.split(" ")[0])
                    .toList();
            assertEquals(List.of("a", "a", "a timer", "a timer", "b", "b"), outgoing.stream().sorted().toList(),
                    hook + ": " + outgoing);
            for (int i = 0; i < outgoing.size(); i++) {
                if (outgoing.get(i).equals("b")) {
                    long handedBack = outgoing.subList(0, i).stream().filter("a timer"::equals).count();
                    long bsBefore = outgoing.subList(0, i).stream().filter("b"::equals).count();
                    assertTrue(handedBack > bsBefore, hook + ": b ran before a handed back: " + outgoing);
                }
            }
        }
        assertEquals(List.of(), runtime.host().violations());
        assertEquals(List.of(), runtime.host().suspendedCalls());
    }
}
