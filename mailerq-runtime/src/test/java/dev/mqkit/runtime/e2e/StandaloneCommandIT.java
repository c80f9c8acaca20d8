package dev.mqkit.runtime.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.config.ConfigKey;
import dev.mqkit.api.config.EnvironmentVariables;
import dev.mqkit.api.config.JvmOptions;
import dev.mqkit.api.config.KeyLookup;
import dev.mqkit.api.config.KeyNaming;
import dev.mqkit.api.config.RuntimeConfig;
import dev.mqkit.api.fixtures.TestReleases;
import dev.mqkit.harness.sink.ReceivedMessage;
import dev.mqkit.harness.sink.SmtpSink;
import dev.mqkit.runtime.fixtures.TestPlugins;
import dev.mqkit.runtime.smtp.server.RawSmtpClient;
import dev.mqkit.smtp.SaslCredentials;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The standalone command as users run it: {@code java -jar mailerq-runtime-…-standalone.jar}, a
 * separate process with a config file and a directory of real C plugins, mail sent to it over
 * STARTTLS with AUTH and delivered to an SMTP sink in this JVM.
 */
class StandaloneCommandIT {

    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1, plain ports \\[(\\d+)]");

    @TempDir
    Path directory;

    private Process process;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty("mqkit.standalone.jar", "target/missing-standalone.jar"));
        assertTrue(Files.isRegularFile(jar), "the standalone jar is built by package: " + jar);
        return jar;
    }

    /** Starts the command; its stdout and stderr go to files (a pipe read while the process ends may lose its tail). */
    private Process command(String... arguments) throws IOException {
        return command(Map.of(), arguments);
    }

    /** Starts the command with these environment variables set as well. */
    private Process command(Map<String, String> environment, String... arguments) throws IOException {
        return command(environment, List.of(), arguments);
    }

    /** Starts the command with these environment variables and JVM options. */
    private Process command(Map<String, String> environment, List<String> jvmOptions, String... arguments)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar().toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(directory.resolve("stdout.txt").toFile())
                .redirectError(directory.resolve("stderr.txt").toFile());
        // a MAILERQ_* variable of the shell that runs the build would set keys behind the test's back
        builder.environment().keySet().removeIf(name -> name.startsWith(EnvironmentVariables.PREFIX));
        builder.environment().putAll(environment);
        process = builder.start();
        return process;
    }

    /**
     * Starts the command with a config file: MailerQ {@code release} played, the scripted C plugins
     * a and b built for it (without mq_smtp_in_authenticate), AUTH required as alice/s3cret,
     * delivery to {@code sink}. Returns the SMTP port once it listens.
     */
    private int start(MailerqRelease release, SmtpSink sink, Map<String, String> environment) throws Exception {
        Path plugins = TestPlugins.directory(
                "10-a.so", TestPlugins.scripted(release, "a", "noauth", "-DWITHOUT_AUTHENTICATE"),
                "20-b.so", TestPlugins.scripted(release, "b", "noauth", "-DWITHOUT_AUTHENTICATE"));
        Path config = directory.resolve("mailerq.conf");
        Files.writeString(config, String.join("\n",
                "# the standalone command under test",
                "mailerq-version: " + release,
                "plugin-directory: " + plugins,
                "smtp-ip: 127.0.0.1",
                "smtp-port: 0",
                "smtp-username: alice",
                "smtp-password: s3cret",
                "smarthost: 127.0.0.1",
                "smarthost-port: " + sink.port(),
                "workers: 1",
                ""));
        command(environment, "--config", config.toString());
        Matcher listening = LISTENING.matcher(stdout().await(line -> LISTENING.matcher(line).find(),
                Duration.ofSeconds(30)));
        assertTrue(listening.find());
        stdout().await(line -> line.contains("plugins loaded in order: 10-a.so, 20-b.so"), Duration.ofSeconds(1));
        return Integer.parseInt(listening.group(1));
    }

    private Output stdout() {
        return new Output(directory.resolve("stdout.txt"));
    }

    private Output stderr() {
        return new Output(directory.resolve("stderr.txt"));
    }

    /** What the command wrote to one of its outputs so far. */
    private record Output(Path file) {

        List<String> lines() {
            try {
                return Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return List.of();
            }
        }

        String text() {
            return String.join("\n", lines());
        }

        /** Waits until a line matches and returns it. */
        String await(Predicate<String> wanted, Duration timeout) throws InterruptedException {
            return E2e.awaitLines(this::lines, wanted, 1, timeout, file.toString()).get(0);
        }
    }

    @Test
    void helpListsEveryKey() throws Exception {
        Process help = command("--help");
        Output out = stdout();
        assertTrue(help.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, help.exitValue());
        out.await(line -> line.contains("delivery-max-concurrent"), Duration.ofSeconds(5));
        KeyNaming naming = KeyNaming.of(RuntimeConfig.defaults().mailerqVersion());
        for (ConfigKey key : ConfigKey.values()) {
            String name = KeyLookup.nameIn(key, naming);
            assertTrue(out.text().contains("  " + name + " ("), "--help lists " + name + ":\n" + out.text());
        }
        assertTrue(out.text().contains("--config FILE"), out.text());
    }

    @Test
    void jvmOptionsPrintsTheOptionsForTheConfigurationWhichTheCommandThenRunsWith() throws Exception {
        Process print = command("--jvm-options", "--result-queue-limit", "100");
        assertTrue(print.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, print.exitValue());
        List<String> options = List.of(stdout().await(line -> line.contains("-Xmx"), Duration.ofSeconds(5)).split(" "));
        assertEquals(JvmOptions.forConfig(RuntimeConfig.defaults().with("result-queue-limit", "100")), options);

        command(Map.of(), options, "--smtp-port", "0", "--plugin-directory", Files.createDirectory(
                directory.resolve("plugins")).toString());
        stdout().await(line -> LISTENING.matcher(line).find(), Duration.ofSeconds(30));
        Thread.sleep(500); // the advice would follow the announcement
        assertFalse(stdout().text().contains("sizes the heap itself"), stdout().text());
    }

    @Test
    void anUnknownKeyInTheConfigFileStopsTheCommandNamingFileAndLine() throws Exception {
        Path config = directory.resolve("mailerq.conf");
        Files.writeString(config, "# a typo on line 3\nsmtp-port: 0\nsmtp-prot: 2525\n");

        Process bad = command("--config", config.toString());
        Output err = stderr();
        assertTrue(bad.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, bad.exitValue());
        String message = err.await(line -> line.startsWith("error: "), Duration.ofSeconds(5));
        assertTrue(message.contains(config + ":3") && message.contains("smtp-prot"), message);
    }

    @ParameterizedTest(name = "MailerQ {0}")
    @MethodSource("dev.mqkit.api.fixtures.TestReleases#both")
    void mailGoesThroughTheCommandAndSigtermStopsItGracefully(MailerqRelease release) throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            int port = start(release, sink, Map.of());
            Output out = stdout();
            Output err = stderr();

            E2e.sendAuthenticated(E2e.session(port, "mail.smtp.starttls.enable", "true",
                    "mail.smtp.starttls.required", "true", "mail.smtp.ssl.trust", "*",
                    "mail.smtp.ssl.checkserveridentity", "false", "mail.smtp.auth", "true"),
                    "alice", "s3cret", "sender@example.com", "through the standalone command", "one@example.org");

            ReceivedMessage delivered = sink.awaitMessages(1, Duration.ofSeconds(20)).get(0);
            assertEquals("sender@example.com", delivered.envelope());
            assertEquals("one@example.org", delivered.recipient());
            assertTrue(delivered.mime().contains("Subject: through the standalone command"), delivered.mime());
            out.await(line -> line.contains("delivery of sender@example.com -> one@example.org, attempt 1: 250"),
                    Duration.ofSeconds(10));
            // java -jar alone: the command says which options it runs best with
            assertTrue(out.text().contains("sizes the heap itself") && out.text().contains("--jvm-options"), out.text());

            // a client still connected when the stop comes is told so with 421
            RawSmtpClient waiting = new RawSmtpClient(port);
            assertEquals(220, waiting.reply().code());
            assertEquals(250, waiting.command("EHLO client.example").code());

            process.destroy();
            assertEquals(421, waiting.reply().code());
            waiting.close();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the command stops after SIGTERM:\n" + out.text());
            assertEquals(0, process.exitValue(), "exit code after SIGTERM:\n" + out.text() + "\n" + err.text());
            out.await(line -> line.endsWith("INFO stopped"), Duration.ofSeconds(5));
        }
    }

    @ParameterizedTest(name = "MailerQ {0}")
    @MethodSource("dev.mqkit.api.fixtures.TestReleases#both")
    void eightBitMailPassesThePluginsIntactUnderAPosixLocale(MailerqRelease release) throws Exception {
        String mime = "Subject: Grüße aus Köln ✓\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\nÄrger? Nein: naïve café, 東京, 🙂.\r\n";
        try (SmtpSink sink = SmtpSink.start()) {
            // no locale: Java 17 then takes US-ASCII as its default charset
            int port = start(release, sink, Map.of("LANG", "C", "LC_ALL", "C"));

            try (RawSmtpClient client = new RawSmtpClient(port)) {
                assertEquals(220, client.reply().code());
                assertEquals(250, client.command("EHLO client.example").code());
                assertEquals(220, client.command("STARTTLS").code());
                client.upgrade();
                assertEquals(250, client.command("EHLO client.example").code());
                assertEquals(235, client.command("AUTH PLAIN " + new SaslCredentials("alice", "s3cret").plainResponse()).code());
                assertEquals(250, client.command("MAIL FROM:<sender@example.com> BODY=8BITMIME").code());
                assertEquals(250, client.command("RCPT TO:<one@example.org>").code());
                assertEquals(354, client.command("DATA").code());
                client.write((mime + ".\r\n").getBytes(StandardCharsets.UTF_8));
                assertEquals(250, client.reply().code());
                assertEquals(221, client.command("QUIT").code());
            }

            ReceivedMessage delivered = sink.awaitMessages(1, Duration.ofSeconds(20)).get(0);
            assertEquals(mime, delivered.mime(), "the MIME went through mq_smtp_in_message and mq_smtp_out_data");
        }
    }

    /**
     * A config.txt as MailerQ's users write them, with keys the runtime does not simulate, loads; a MAILERQ_*
     * variable beats the file and --key=value beats both in 5.13, while 3.0 reads no variable and says so in the
     * one warning.
     */
    @ParameterizedTest(name = "MailerQ {0}")
    @MethodSource("dev.mqkit.api.fixtures.TestReleases#both")
    void aRealConfigTxtLoadsAndTheEnvironmentAndTheCommandLineOverrideItAsTheReleaseDoes(MailerqRelease release)
            throws Exception {
        boolean fiveThirteen = TestReleases.connectionGeneration(release);
        try (SmtpSink sink = SmtpSink.start()) {
            int environmentPort = freePort();
            Path config = directory.resolve("config.txt");
            Files.writeString(config, String.join("\n",
                    "# /etc/mailerq/config.txt",
                    "mailerq-version:    " + release,
                    "license:            /etc/mailerq/license.txt",
                    "user:               mailerq",
                    "lock:               " + directory.resolve("mailerq.pid"),
                    fiveThirteen ? "database:           sqlite:///var/lib/mailerq/database.sql"
                            : "database:           mysql://mailerq:secret@localhost/mailerq",
                    "www-port:           8485",
                    "error-log:          /var/log/mailerq/error.log",
                    "",
                    "plugin-directory:   " + Files.createDirectory(directory.resolve("plugins")),
                    "smtp-ip:            127.0.0.1",
                    "smtp-port:          0",
                    fiveThirteen ? "smtp-range:         127.0.0.1" : "smtp-ranges:        127.0.0.1",
                    fiveThirteen ? "smtp-timeout:       300" : "dns-timeout:        5000",
                    "smarthost:          127.0.0.1",
                    "smarthost-port:     " + freePort(),
                    "workers:            1",
                    ""));
            command(Map.of("MAILERQ_SMTP_PORT", String.valueOf(environmentPort),
                    "MAILERQ_SMARTHOST_PORT", String.valueOf(freePort())),
                    "--config", config.toString(), "--smarthost-port=" + sink.port());
            Output out = stdout();
            Matcher listening = LISTENING.matcher(out.await(line -> LISTENING.matcher(line).find(),
                    Duration.ofSeconds(30)));
            assertTrue(listening.find());
            int port = Integer.parseInt(listening.group(1));
            if (fiveThirteen) {
                assertEquals(environmentPort, port, "MAILERQ_SMTP_PORT beats the file's smtp-port:\n" + out.text());
            } else {
                assertNotEquals(environmentPort, port, "3.0 reads no MAILERQ_SMTP_PORT:\n" + out.text());
            }

            List<String> warnings = out.lines().stream().filter(line -> line.contains(" WARNING accepted and ignored"))
                    .toList();
            assertEquals(1, warnings.size(), "one warning:\n" + out.text());
            String warning = warnings.get(0);
            for (String key : List.of("license (" + config + ":3)", "user (" + config + ":4)",
                    "database (" + config + ":6)", "www-port (" + config + ":7)", "error-log (" + config + ":8)")) {
                assertTrue(warning.contains(key), key + " in: " + warning);
            }
            assertEquals(!fiveThirteen, warning.contains("MAILERQ_SMTP_PORT (MailerQ 3.0 reads no environment "
                    + "variables"), warning);

            try (RawSmtpClient client = new RawSmtpClient(port)) {
                assertEquals(220, client.reply().code());
                assertEquals(250, client.command("EHLO client.example").code());
                assertEquals(250, client.command("MAIL FROM:<sender@example.com>").code());
                assertEquals(250, client.command("RCPT TO:<one@example.org>").code());
                assertEquals(354, client.command("DATA").code());
                client.write("Subject: configured\r\n\r\nhello\r\n.\r\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals(250, client.reply().code());
                assertEquals(221, client.command("QUIT").code());
            }
            ReceivedMessage delivered = sink.awaitMessages(1, Duration.ofSeconds(20)).get(0);
            assertTrue(delivered.mime().contains("Subject: configured"),
                    "--smarthost-port beat MAILERQ_SMARTHOST_PORT and the file: " + delivered.mime());
        }
    }

    /** A port nothing listens on now. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
