package dev.mqkit.runtime.e2e;

import dev.mqkit.runtime.MailerQRuntime;
import dev.mqkit.runtime.fixtures.TestKit;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** What the end-to-end tests share besides {@link E2eFixture}: the plugins' trace, a mail client. */
final class E2e {

    private E2e() {}

    static int plainPort(MailerQRuntime runtime) {
        return runtime.ports().plain().get(0);
    }

    /** Text as the scripted plugin's "detail" lines show it: CR and LF escaped. */
    static String escaped(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n");
    }

    /** A mail session for Angus Mail towards 127.0.0.1:port with these extra properties (name, value, ...). */
    static Session session(int port, String... properties) {
        Properties all = new Properties();
        all.put("mail.smtp.host", "127.0.0.1");
        all.put("mail.smtp.port", String.valueOf(port));
        all.put("mail.smtp.timeout", "10000");
        all.put("mail.smtp.connectiontimeout", "10000");
        for (int i = 0; i < properties.length; i += 2) {
            all.put(properties[i], properties[i + 1]);
        }
        return Session.getInstance(all);
    }

    /** Sends a short text message through {@code session}. */
    static void send(Session session, String from, String subject, String... to) throws MessagingException {
        Transport.send(message(session, from, subject, to));
    }

    /** Sends a short text message through {@code session}, authenticating with AUTH. */
    static void sendAuthenticated(Session session, String login, String password, String from, String subject,
            String... to) throws MessagingException {
        Transport.send(message(session, from, subject, to), login, password);
    }

    private static MimeMessage message(Session session, String from, String subject, String... to)
            throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        for (String recipient : to) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
        }
        message.setSubject(subject);
        message.setText("Hello.\n");
        return message;
    }

    /**
     * Polls {@code source} until {@code count} of its lines match; returns the matching lines, or fails
     * naming {@code what} and showing its lines.
     */
    static List<String> awaitLines(Supplier<List<String>> source, Predicate<String> wanted, int count,
            Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> lines = source.get();
            List<String> matching = lines.stream().filter(wanted).toList();
            if (matching.size() >= count) {
                return matching;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " has " + matching.size() + " of " + count + " such lines within "
                        + timeout.toMillis() + " ms:\n" + String.join("\n", lines));
            }
            Thread.sleep(10);
        }
    }

    /** The plugins' trace, gathered over several takes. */
    static final class Trace {
        private final List<String> lines = new ArrayList<>();

        /** Waits until a line matches (every line so far is kept); fails with the trace on timeout. */
        List<String> await(Predicate<String> wanted, Duration timeout) throws InterruptedException {
            return await(wanted, 1, timeout);
        }

        /** Waits until {@code count} lines match. */
        List<String> await(Predicate<String> wanted, int count, Duration timeout) throws InterruptedException {
            awaitLines(this::all, wanted, count, timeout, "the trace");
            return List.copyOf(lines);
        }

        /** Waits until a line starts with {@code start}, e.g. "b mq_smtp_in_close". */
        List<String> awaitLine(String start) throws InterruptedException {
            return await(line -> line.startsWith(start), Duration.ofSeconds(10));
        }

        /** Forgets every line so far. */
        void clear() {
            TestKit.take();
            lines.clear();
        }

        /** Every line so far and whatever came since. */
        List<String> all() {
            lines.addAll(TestKit.take());
            return List.copyOf(lines);
        }

        /** The hook calls so far as "plugin hook", e.g. "a mq_smtp_in_connect". */
        List<String> hooks() {
            return hooks(all());
        }

        static List<String> hooks(List<String> lines) {
            return lines.stream().map(line -> line.split(" ", 3))
                    .filter(words -> words.length > 1 && words[0].length() == 1 && words[1].startsWith("mq_smtp_"))
                    .map(words -> words[0] + " " + words[1]).toList();
        }

        /** The lines of one plugin's calls of one hook, without "plugin hook " and "ctx=…", e.g. "data=… text=…". */
        List<String> calls(String plugin, String hook) {
            String prefix = plugin + " " + hook + " ";
            return all().stream().filter(line -> line.startsWith(prefix))
                    .map(line -> line.substring(prefix.length()).replaceFirst("^ctx=\\S+ ", "")).toList();
        }

        /** What the plugin's "detail" lines for the hook recorded after "size=N ": "text=…" or "mime=…". */
        List<String> details(String plugin, String hook) {
            String prefix = plugin + " detail " + hook + " ";
            return all().stream().filter(line -> line.startsWith(prefix))
                    .map(line -> line.substring(prefix.length())).toList();
        }
    }
}
