package dev.mqkit.harness;

import static dev.mqkit.test.MailerQAssertions.assertReply;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mqkit.harness.sink.SmtpSink;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The test client against a real TLS server on loopback (the sink). */
class SmtpClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void aSessionTicketThatArrivesAfterTheHandshakeIsNotTakenForAReply() throws InterruptedException {
        try (SmtpSink sink = SmtpSink.start();
             SmtpClient smtp = SmtpClient.connect("127.0.0.1", sink.port(), false, TIMEOUT)) {
            assertReply(250, smtp.ehlo("client.example"));
            assertReply(220, smtp.startTls());
            assertTrue(smtp.transcriptLines().contains("* TLS TLSv1.3"), smtp.transcript());
            // the server's session ticket follows its side of the handshake: now it waits in the kernel's buffer
            Thread.sleep(300);
            long started = System.nanoTime();
            assertReply(250, smtp.ehlo("client.example"));
            assertReply(250, smtp.send("from@example.com", List.of("to@example.org"), "Subject: t\r\n\r\nt\r\n"));
            long millis = (System.nanoTime() - started) / 1_000_000;
            // waiting for a reply that the ticket seemed to begin would take the whole timeout
            assertTrue(millis < TIMEOUT.toMillis() / 2, "EHLO and one message after STARTTLS took " + millis + " ms\n"
                    + smtp.transcript());
        }
    }
}
