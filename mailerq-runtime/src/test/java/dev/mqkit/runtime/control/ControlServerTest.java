package dev.mqkit.runtime.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.config.RuntimeConfig;
import dev.mqkit.api.fixtures.BothGenerations;
import dev.mqkit.api.fixtures.TestReleases;
import dev.mqkit.api.harness.CrashLog;
import dev.mqkit.api.json.Json;
import dev.mqkit.harness.sink.SmtpSink;
import dev.mqkit.runtime.MailerQRuntime;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.runtime.fixtures.TestKit;
import dev.mqkit.runtime.fixtures.TestPlugins;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control channel in process: outbox in, queues, trace of out_data with the message JSON, crash log, stop. */
@BothGenerations
class ControlServerTest {

    private final MailerqRelease release;
    private final HttpClient http = HttpClient.newHttpClient();

    ControlServerTest(MailerqRelease release) {
        this.release = release;
    }

    private HttpResponse<String> call(int port, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void outboxQueuesTraceAndStop(@TempDir Path work) throws Exception {
        TestKit.reset();
        Path crashFile = work.resolve("crash.log");
        CountDownLatch stopped = new CountDownLatch(1);
        try (SmtpSink sink = SmtpSink.start();
             CrashJournal crashLog = CrashJournal.open(crashFile)) {
            HookTrace trace = new HookTrace(HookTrace.DEFAULT_LIMIT, crashLog);
            runAgainstTheControlServer(sink, trace, crashFile, stopped);
        }
    }

    private void runAgainstTheControlServer(SmtpSink sink, HookTrace trace, Path crashFile, CountDownLatch stopped)
            throws Exception {
        try (MailerQRuntime runtime = MailerQRuntime.start(RuntimeConfig.defaults()
                     .with("mailerq-version", release.toString())
                     .with("plugin-directory", TestPlugins.ordered(release, "a").toString())
                     .with("workers", "1")
                     .with("smarthost", "127.0.0.1")
                     .with("smarthost-port", String.valueOf(sink.port())), trace);
             ControlServer control = ControlServer.start(0, runtime, trace, stopped::countDown)) {
            int port = control.port();
            assertEquals("[\"10-a.so\"]", Json.MAPPER.readTree(call(port, "GET", "/health", null).body())
                    .path("plugins").toString());

            HttpResponse<String> queued = call(port, "POST", "/outbox",
                    "{\"envelope\":\"from@example.com\",\"recipient\":\"to@example.org\","
                            + "\"mime\":\"Subject: x\\r\\n\\r\\nbody\\r\\n\",\"tag\":7}");
            assertEquals(202, queued.statusCode(), queued.body());

            HttpResponse<String> success = call(port, "GET", "/queues/success/take?timeout=15000", null);
            assertEquals(200, success.statusCode(), success.body());
            assertEquals(7, Json.MAPPER.readTree(success.body()).path("tag").asInt(), success.body());
            assertEquals(1, sink.messages().size());
            assertEquals(204, call(port, "GET", "/queues/failure/take?timeout=10", null).statusCode());
            assertEquals("[]", call(port, "GET", "/queues/failure", null).body());

            JsonNode calls = Json.MAPPER.readTree(call(port, "GET", "/trace", null).body()).path("calls");
            JsonNode outData = null;
            for (JsonNode traced : calls) {
                if (traced.path("hook").asText().equals("mq_smtp_out_data")) {
                    outData = traced;
                }
            }
            assertTrue(outData != null, calls.toString());
            assertEquals("to@example.org", outData.path("message").path("recipient").asText(), outData.toString());
            assertEquals(false, outData.path("returned").asBoolean(), outData.toString());
            long last = calls.get(calls.size() - 1).path("seq").asLong();
            assertEquals("[]", Json.MAPPER.readTree(call(port, "GET", "/trace?since=" + last, null).body())
                    .path("calls").toString());
            assertEquals("[]", call(port, "GET", "/violations", null).body());
            assertEquals("[]", call(port, "GET", "/suspended", null).body());
            assertEquals(404, call(port, "GET", "/nothing", null).statusCode());
            assertEquals(400, call(port, "POST", "/outbox", "[1]").statusCode());
            // the crash log holds the same trace, call by call, for a process that dies
            CrashLog.Contents journal = CrashLog.read(crashFile).orElseThrow();
            assertEquals(List.of(), journal.inHooks(), "every call came back");
            assertEquals(trace.calls(), journal.calls());
            assertEquals("[\"mq_version\",\"mq_initialize\",\"mq_context_initialize\",\"mq_smtp_in_connect\","
                    + "\"mq_smtp_in_secure\",\"mq_smtp_in_authenticate\",\"mq_smtp_in_mailfrom\",\"mq_smtp_in_rcptto\","
                    + "\"mq_smtp_in_data\",\"mq_smtp_in_message\",\"mq_smtp_in_close\",\"mq_smtp_out_data\","
                    + TestReleases.named(release, "", "\"mq_smtp_out_sent\",")
                    + "\"mq_context_cleanup\",\"mq_cleanup\"]",
                    journal.trace().path("plugins").path(0).path("exports").toString());

            assertEquals(202, call(port, "POST", "/stop", null).statusCode());
            assertTrue(stopped.await(5, TimeUnit.SECONDS));
        }
    }
}
