package dev.mqkit.runtime.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SmtpServerSmokeTest {
    @Test
    void acceptsOneMessage() throws Exception {
        try (TestServer server = new TestServer(SmtpServerHooks.NONE); RawSmtpClient client = server.connect()) {
            assertEquals(250, client.command("EHLO client.test").code());
            assertEquals(250, client.command("MAIL FROM:<a@b.test>").code());
            assertEquals(250, client.command("RCPT TO:<c@d.test>").code());
            assertEquals(354, client.command("DATA").code());
            RawSmtpClient.Reply reply = client.command("Subject: x\r\n\r\nhello\r\n.");
            assertEquals(250, reply.code(), reply.text());
            assertEquals(221, client.command("QUIT").code());
            assertEquals(1, server.published.size());
            System.out.println(server.published.get(0).toPrettyString());
        }
    }
}
