package it.policy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.mqkit.api.harness.Trace;
import dev.mqkit.harness.MailerQ;
import dev.mqkit.test.MailerQExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A service the test starts, whose URL the plugin gets through its environment. */
class PolicyServiceIT {

    static final HttpServer SERVICE = start();

    @RegisterExtension
    static MailerQExtension mailerq = new MailerQExtension()
            .environment("POLICY_SERVICE", "http://127.0.0.1:" + SERVICE.getAddress().getPort() + "/verdict");

    static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/verdict", exchange -> {
                byte[] body = "local".getBytes();
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() {
        SERVICE.stop(0);
    }

    @Test
    void thePluginGetsTheServicesUrl(MailerQ runtime) {
        List<String> logged = runtime.logs().stream().map(Trace.Logged::message).toList();
        assertTrue(logged.stream().anyMatch(line -> line.contains("POLICY_SERVICE=http://127.0.0.1:"
                + SERVICE.getAddress().getPort() + "/verdict")), logged.toString());
    }
}
