package dev.mqkit.runtime.e2e;

import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.config.RuntimeConfig;
import dev.mqkit.harness.sink.SmtpSink;
import dev.mqkit.runtime.MailerQRuntime;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.runtime.fixtures.TestKit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An end-to-end test's set-up, registered with {@code @RegisterExtension} on an instance field: before each test
 * an empty plugin trace and an {@link SmtpSink}; the runtime the test starts playing the fixture's release; after
 * the test, the runtime and the sink closed.
 */
final class E2eFixture implements BeforeEachCallback, AfterEachCallback {
    private final MailerqRelease release;
    private SmtpSink sink;
    private MailerQRuntime runtime;

    E2eFixture(MailerqRelease release) {
        this.release = release;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        TestKit.reset();
        sink = SmtpSink.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (runtime != null) {
            runtime.close();
        }
        sink.close();
    }

    /**
     * Starts a runtime with one worker loading {@code plugins}, delivering to the sink; then the extra key/value
     * pairs. It replaces the runtime started before, which the test closes itself.
     */
    MailerQRuntime start(Path plugins, String... keysAndValues) {
        RuntimeConfig config = RuntimeConfig.defaults()
                .with("mailerq-version", release.toString())
                .with("plugin-directory", plugins.toString())
                .with("workers", "1")
                .with("smtp-port", "0")
                .with("smarthost", "127.0.0.1")
                .with("smarthost-port", String.valueOf(sink.port()))
                .with("delivery-retry-delay", "200ms")
                .with("retry-interval", "200ms")
                .with("plugin-timeout", "5s")
                // refused logins answered at once: the tests refuse many on purpose
                .with("smtp-auth-failure-delay", "0s");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config = config.with(keysAndValues[i], keysAndValues[i + 1]);
        }
        runtime = MailerQRuntime.start(config);
        return runtime;
    }

    /** As {@link #start}, with received mail kept in a queue of its own, "inbox", that nothing delivers. */
    MailerQRuntime startKeepingTheInbox(Path plugins, String... keysAndValues) {
        List<String> all = new ArrayList<>(List.of("rabbitmq-inbox", "inbox"));
        all.addAll(Arrays.asList(keysAndValues));
        return start(plugins, all.toArray(String[]::new));
    }

    /** Where the runtime delivers. */
    SmtpSink sink() {
        return sink;
    }
}
