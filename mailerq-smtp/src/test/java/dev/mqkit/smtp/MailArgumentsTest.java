package dev.mqkit.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The path and parameters of MAIL and RCPT, and what a server refuses of them. */
class MailArgumentsTest {
    private static Optional<SmtpReply> refusal(int code, String status, String text) {
        return Optional.of(SmtpReply.of(code, status, text));
    }

    private static Optional<SmtpReply> mail(String argument) throws MailArguments.Invalid {
        return MailArguments.mailFrom(argument).mailRefusal(true, 1000, false, false);
    }

    private static Optional<SmtpReply> dsnMail(String argument) throws MailArguments.Invalid {
        return MailArguments.mailFrom(argument).mailRefusal(true, 1000, false, true);
    }

    private static Optional<SmtpReply> dsnRcpt(String argument) throws MailArguments.Invalid {
        return MailArguments.rcptTo(argument).rcptRefusal(true, true);
    }

    @Test
    void parsesPathAndParameters() throws Exception {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("SIZE", "12");
        parameters.put("SMTPUTF8", null);
        assertEquals(new MailArguments("a@b.example", parameters), MailArguments.mailFrom("from: <@r1,@r2:a@b.example> size=12 SMTPUTF8"));
        assertEquals(new MailArguments("", Map.of()), MailArguments.mailFrom("FROM:<>"));
        assertEquals(new MailArguments("Postmaster", Map.of()), MailArguments.rcptTo("TO:<Postmaster>"));
    }

    @Test
    void invalidArgumentsCarryTheirReply() {
        MailArguments.Invalid sender = assertThrows(MailArguments.Invalid.class, () -> MailArguments.mailFrom("FROM:a@b"));
        assertEquals(SmtpReply.of(501, "5.1.7", "Address must be in angle brackets"), sender.reply());
        MailArguments.Invalid recipient = assertThrows(MailArguments.Invalid.class, () -> MailArguments.rcptTo("TO:<a b@c>"));
        assertEquals(SmtpReply.of(501, "5.1.3", "Bad address syntax"), recipient.reply());
        MailArguments.Invalid prefix = assertThrows(MailArguments.Invalid.class, () -> MailArguments.rcptTo("FROM:<a@b>"));
        assertEquals(SmtpReply.of(501, "5.5.2", "Syntax: RCPT TO:<address>"), prefix.reply());
    }

    @Test
    void mailParameters() throws Exception {
        assertEquals(Optional.empty(), mail("FROM:<a@b> SIZE=1000 BODY=8bitmime"));
        assertEquals(refusal(552, "5.3.4", "Message size exceeds fixed maximum message size of 1000 bytes"),
                mail("FROM:<a@b> SIZE=1001"));
        assertEquals(refusal(501, "5.5.4", "Malformed SIZE parameter"), mail("FROM:<a@b> SIZE=x"));
        assertEquals(refusal(504, "5.5.4", "BODY=BINARYMIME not implemented"), mail("FROM:<a@b> BODY=BINARYMIME"));
        assertEquals(refusal(501, "5.5.4", "Malformed BODY parameter"), mail("FROM:<a@b> BODY"));
        assertEquals(refusal(555, "5.5.4", "Unsupported parameter AUTH"), mail("FROM:<a@b> AUTH=<>"));
        assertEquals(Optional.empty(), MailArguments.mailFrom("FROM:<a@b> AUTH=<>").mailRefusal(true, 1000, true, false));
        assertEquals(refusal(555, "5.5.4", "Unsupported parameter RET"), mail("FROM:<a@b> RET=HDRS"));
        assertEquals(refusal(555, "5.5.4", "MAIL parameters need EHLO"),
                MailArguments.mailFrom("FROM:<a@b> SIZE=1").mailRefusal(false, 1000, false, true));
    }

    @Test
    void rcptArguments() throws Exception {
        assertEquals(Optional.empty(), MailArguments.rcptTo("TO:<a@b>").rcptRefusal(true, false));
        assertEquals(refusal(501, "5.1.3", "Empty recipient address"), MailArguments.rcptTo("TO:<>").rcptRefusal(true, true));
        assertEquals(refusal(555, "5.5.4", "Unsupported parameter NOTIFY"),
                MailArguments.rcptTo("TO:<a@b> NOTIFY=NEVER").rcptRefusal(true, false));
        assertEquals(refusal(555, "5.5.4", "RCPT parameters need EHLO"),
                MailArguments.rcptTo("TO:<a@b> NOTIFY=NEVER").rcptRefusal(false, true));
    }

    @Test
    void dsnParametersAreCheckedAsRfc3461SaysAndKeptAsSent() throws Exception {
        MailArguments mail = MailArguments.mailFrom("FROM:<a@b> RET=hdrs ENVID=QQ+2B314159");
        assertEquals(Optional.empty(), mail.mailRefusal(true, 1000, false, true));
        assertEquals("hdrs", mail.parameters().get("RET"));
        assertEquals("QQ+2B314159", mail.parameters().get("ENVID"));
        assertEquals(Optional.empty(), dsnMail("FROM:<a@b> RET=FULL"));
        assertEquals(refusal(501, "5.5.4", "Malformed RET parameter: RET=FULL or RET=HDRS"), dsnMail("FROM:<a@b> RET=ALL"));
        assertEquals(refusal(501, "5.5.4", "Malformed RET parameter: RET=FULL or RET=HDRS"), dsnMail("FROM:<a@b> RET"));
        String envid = "Malformed ENVID parameter: 1 to 100 characters of xtext (RFC 3461 4.2)";
        assertEquals(refusal(501, "5.5.4", envid), dsnMail("FROM:<a@b> ENVID=a+2b"), "hex after + is upper case");
        assertEquals(refusal(501, "5.5.4", envid), dsnMail("FROM:<a@b> ENVID=a+"));
        assertEquals(refusal(501, "5.5.4", envid), dsnMail("FROM:<a@b> ENVID=" + "x".repeat(101)));
        assertEquals(Optional.empty(), dsnMail("FROM:<a@b> ENVID=" + "x".repeat(100)));
        assertEquals(refusal(555, "5.5.4", "Unsupported parameter ENVID"), mail("FROM:<a@b> ENVID=x"));

        MailArguments rcpt = MailArguments.rcptTo("TO:<a@b> NOTIFY=success,FAILURE ORCPT=rfc822;Bob@Example.COM");
        assertEquals(Optional.empty(), rcpt.rcptRefusal(true, true));
        assertEquals("success,FAILURE", rcpt.parameters().get("NOTIFY"));
        assertEquals("rfc822;Bob@Example.COM", rcpt.parameters().get("ORCPT"));
        assertEquals(Optional.empty(), dsnRcpt("TO:<a@b> NOTIFY=NEVER"));
        assertEquals(Optional.empty(), dsnRcpt("TO:<a@b> NOTIFY=DELAY"));
        String notify = "Malformed NOTIFY parameter: NOTIFY=NEVER or a comma-separated list of SUCCESS, FAILURE and DELAY";
        assertEquals(refusal(501, "5.5.4", notify), dsnRcpt("TO:<a@b> NOTIFY=NEVER,SUCCESS"));
        assertEquals(refusal(501, "5.5.4", notify), dsnRcpt("TO:<a@b> NOTIFY=SUCCESS,SUCCESS"));
        assertEquals(refusal(501, "5.5.4", notify), dsnRcpt("TO:<a@b> NOTIFY=ALWAYS"));
        assertEquals(refusal(501, "5.5.4", notify), dsnRcpt("TO:<a@b> NOTIFY"));
        String orcpt = "Malformed ORCPT parameter: ORCPT=addr-type;xtext such as rfc822;user@example.com (RFC 3461 4.2)";
        assertEquals(refusal(501, "5.5.4", orcpt), dsnRcpt("TO:<a@b> ORCPT=Bob@Example.COM"));
        assertEquals(refusal(501, "5.5.4", orcpt), dsnRcpt("TO:<a@b> ORCPT=;Bob@Example.COM"));
        assertEquals(refusal(501, "5.5.4", orcpt), dsnRcpt("TO:<a@b> ORCPT=rfc822;"));
        assertEquals(refusal(555, "5.5.4", "Unsupported parameter ORCPT"),
                MailArguments.rcptTo("TO:<a@b> ORCPT=rfc822;a@b").rcptRefusal(true, false));
        assertEquals(refusal(555, "5.5.4", "Unsupported parameter XFOO"), dsnRcpt("TO:<a@b> XFOO=1"));
    }

    @Test
    void aParameterGivenTwiceIsRefused() {
        MailArguments.Invalid twice = assertThrows(MailArguments.Invalid.class,
                () -> MailArguments.mailFrom("FROM:<a@b> RET=FULL ret=HDRS"));
        assertEquals(SmtpReply.of(501, "5.5.4", "Duplicate parameter RET"), twice.reply());
    }
}
