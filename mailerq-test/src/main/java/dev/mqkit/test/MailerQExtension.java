package dev.mqkit.test;

import static dev.mqkit.api.harness.HarnessProperties.CONFIG_PREFIX;
import static dev.mqkit.api.harness.HarnessProperties.PLUGIN_DIRECTORY;
import static dev.mqkit.api.harness.HarnessProperties.RUNTIME_CLASSPATH;
import static dev.mqkit.api.harness.HarnessProperties.RUNTIME_ENVIRONMENT_PREFIX;
import static dev.mqkit.api.harness.HarnessProperties.RUNTIME_JAR;
import static dev.mqkit.api.harness.HarnessProperties.RUNTIME_JVM_ARGS;
import static dev.mqkit.api.harness.HarnessProperties.TIMEOUT;
import static dev.mqkit.api.harness.HarnessProperties.WORK_DIRECTORY;

import dev.mqkit.api.config.Values;
import dev.mqkit.harness.MailerQ;
import dev.mqkit.harness.process.RuntimeLauncher;
import dev.mqkit.harness.process.RuntimeExit;
import dev.mqkit.harness.process.RuntimeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link MailerQTest}: before the test class it
 * starts an {@link dev.mqkit.harness.sink.SmtpSink} and the runtime in a
 * process of its own with the plugins under test and the sink as smarthost;
 * it passes the {@link MailerQ} handle to any parameter of that type; before
 * each test it clears the sink's scripted answers; after the class it stops
 * the runtime ({@link MailerQ#stop()}: killed at once when a plugin blocks
 * its worker or keeps control for the timeout, else {@code POST /stop} and a
 * bounded wait) and FAILS the class when the runtime crashed (naming the
 * signal, plugin, hook and source line), did not stop, or a plugin broke the
 * plugin API, blocked its worker, never handed control back or wrote a reply
 * itself (naming plugin and hook). When the runtime crashes while the tests
 * run, the test that met the crash fails with it (signal, plugin, hook, line),
 * the class's later tests fail at once with its headline, and the class adds
 * no failure of its own for it: the count of tests stays the class's.
 *
 * <p>Configuration, from system properties (the {@code mailerq-plugin}
 * lifecycle sets them for failsafe; their names are in {@link dev.mqkit.api.harness.HarnessProperties}):
 * <ul>
 * <li>{@code mailerq.pluginDirectory} (required): the directory with the built plugin and the plugins it depends
 * on, numbered in the order they run ({@code 10-base.so}, {@code 20-mine.so});</li>
 * <li>{@code mailerq.runtime.jar}: the runtime's standalone jar to run, or {@code mailerq.runtime.classpath}: a
 * class path with {@code dev.mqkit.runtime.Main}; default: the test JVM's own class path;</li>
 * <li>{@code mailerq.runtime.jvmArgs}: extra arguments for the runtime's JVM, separated by spaces, after (and so
 * over) the {@link dev.mqkit.api.config.JvmOptions} it gets for its configuration;</li>
 * <li>{@code mailerq.runtime.env.NAME}: an environment variable for the runtime process (the Maven plugin's
 * {@code runtimeEnvironment} arrives this way, and a sanitized {@code mailerq:exercise} sets {@code LD_PRELOAD}
 * and the sanitizers' options so); of the shell's own environment the runtime inherits only
 * {@link RuntimeLauncher#INHERITED};</li>
 * <li>{@code mailerq.timeout}: how long a plugin may hold control of a hook (the runtime's
 * {@code plugin-timeout}) and how long the handle waits for replies, queue messages and delivery, e.g.
 * {@code 30s} or {@code 500ms}, a bare number being seconds (default 30s);</li>
 * <li>{@code mailerq.config.KEY}: any runtime configuration key, e.g. {@code mailerq.config.workers=1};</li>
 * <li>{@code mailerq.workDirectory}: where the runtime's output ({@code stdout.log}, {@code stderr.log}), crash
 * log and hook trace ({@code trace.json}) go, one directory per test class; default {@code target/mailerq}
 * when there is a {@code target} directory, else a temporary one.</li>
 * </ul>
 * Unless configured otherwise the runtime gets {@code smtp-port 0} (a free port),
 * {@code delivery-retry-delay 1s} (3.0) and {@code retry-interval 1s} (4.0 and later), so retries after scripted
 * faults come quickly, and
 * {@code smtp-auth-failure-delay 0s}, so a refused login is answered at once.
 * {@link MailerQTest#pluginDirectory()}, {@link MailerQTest#config()} and {@link MailerQTest#environment()}
 * override the properties. For a plugin
 * directory made at run time, register the extension programmatically instead of using the annotation:
 * <pre>{@code
 * @RegisterExtension
 * static MailerQExtension mailerq = MailerQExtension.withPluginDirectory(() -> buildPlugins()).config("workers", "1");
 * }</pre>
 */
public final class MailerQExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        ParameterResolver, TestExecutionExceptionHandler {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MailerQExtension.class);
    private static final String HANDLE = "mailerq";
    private static final String OWNER = "owner";

    private final Supplier<Path> pluginDirectory;
    private final Map<String, String> config = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Duration timeout;
    private MailerQ started;

    /** As used by {@link MailerQTest}: everything from system properties and the annotation. */
    public MailerQExtension() {
        this(null);
    }

    private MailerQExtension(Supplier<Path> pluginDirectory) {
        this.pluginDirectory = pluginDirectory;
    }

    /** For {@code @RegisterExtension}: the plugin directory from code, run before the class starts. */
    public static MailerQExtension withPluginDirectory(Supplier<Path> pluginDirectory) {
        return new MailerQExtension(pluginDirectory);
    }

    /** A runtime configuration key; overrides the system properties. */
    public MailerQExtension config(String key, String value) {
        config.put(key, value);
        return this;
    }

    /** An environment variable for the runtime process, which its plugins see. */
    public MailerQExtension environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Overrides {@code mailerq.timeout}. */
    public MailerQExtension timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** The handle of the running runtime, for tests that registered the extension in a field. */
    public MailerQ mailerq() {
        if (started == null) {
            throw new IllegalStateException("the runtime runs only between the test class's start and end");
        }
        return started;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        if (store.get(HANDLE) != null) {
            return; // an enclosing class or another registration already runs one
        }
        Setup setup = setup(context.getRequiredTestClass(), System.getProperties());
        started = MailerQ.start(setup.runtime(), setup.timeout());
        store.put(HANDLE, started);
        store.put(OWNER, context.getUniqueId());
    }

    /** How the runtime of a test class is started, and the bound on waits. */
    record Setup(RuntimeLauncher runtime, Duration timeout) {}

    /** The runtime for this test class from these system properties, the annotation and this extension's settings. */
    Setup setup(Class<?> testClass, Properties properties) {
        Optional<MailerQTest> annotation = AnnotationSupport.findAnnotation(testClass, MailerQTest.class);

        Path plugins = resolvePluginDirectory(annotation, properties);
        Duration wait = timeout != null ? timeout
                : Values.duration(properties.getProperty(TIMEOUT, "30s"));
        RuntimeLauncher runtime = RuntimeProcess.builder().pluginDirectory(plugins)
                .workDirectory(workDirectory(properties, testClass));
        String jar = properties.getProperty(RUNTIME_JAR, "");
        String classpath = properties.getProperty(RUNTIME_CLASSPATH, "");
        if (!jar.isBlank()) {
            runtime.jar(Path.of(jar));
        } else if (!classpath.isBlank()) {
            runtime.classpath(classpath);
        }
        runtime.jvmArguments(properties.getProperty(RUNTIME_JVM_ARGS, ""));
        runtime.config("delivery-retry-delay", "1s");
        runtime.config("retry-interval", "1s");
        runtime.config("smtp-auth-failure-delay", "0s");
        runtime.config("plugin-timeout", wait.toMillis() + "ms");
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith(CONFIG_PREFIX) && name.length() > CONFIG_PREFIX.length()) {
                runtime.config(name.substring(CONFIG_PREFIX.length()), properties.getProperty(name));
            }
            if (name.startsWith(RUNTIME_ENVIRONMENT_PREFIX) && name.length() > RUNTIME_ENVIRONMENT_PREFIX.length()
                    && !properties.getProperty(name).isBlank()) {
                runtime.environment(name.substring(RUNTIME_ENVIRONMENT_PREFIX.length()), properties.getProperty(name));
            }
        }
        annotation.ifPresent(test -> {
            for (String entry : test.config()) {
                int equals = entry.indexOf('=');
                if (equals <= 0) {
                    throw new ExtensionConfigurationException("@MailerQTest config entries are key=value: " + entry);
                }
                runtime.config(entry.substring(0, equals).trim(), entry.substring(equals + 1).trim());
            }
            for (String entry : test.environment()) {
                int equals = entry.indexOf('=');
                if (equals <= 0) {
                    throw new ExtensionConfigurationException("@MailerQTest environment entries are NAME=value: "
                            + entry);
                }
                // a value is the variable's as written: spaces may be part of it
                runtime.environment(entry.substring(0, equals).trim(), entry.substring(equals + 1));
            }
        });
        config.forEach(runtime::config);
        environment.forEach(runtime::environment);
        return new Setup(runtime, wait);
    }

    private Path resolvePluginDirectory(Optional<MailerQTest> annotation, Properties properties) {
        Path directory;
        if (pluginDirectory != null) {
            directory = pluginDirectory.get();
        } else if (annotation.isPresent() && !annotation.get().pluginDirectory().isEmpty()) {
            directory = Path.of(annotation.get().pluginDirectory());
        } else {
            String property = properties.getProperty(PLUGIN_DIRECTORY, "");
            if (property.isBlank()) {
                throw new ExtensionConfigurationException("no plugin directory: set the system property "
                        + PLUGIN_DIRECTORY + " (the mailerq-plugin lifecycle sets it for failsafe) or "
                        + "@MailerQTest(pluginDirectory = ...)");
            }
            directory = Path.of(property);
        }
        if (!Files.isDirectory(directory)) {
            throw new ExtensionConfigurationException("the plugin directory " + directory + " does not exist");
        }
        return directory;
    }

    private static Path workDirectory(Properties properties, Class<?> testClass) {
        String configured = properties.getProperty(WORK_DIRECTORY, "");
        Path base;
        if (!configured.isBlank()) {
            base = Path.of(configured);
        } else if (Files.isDirectory(Path.of("target"))) {
            base = Path.of("target", "mailerq");
        } else {
            try {
                base = Files.createTempDirectory("mailerq");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return base.resolve(testClass.getName()).toAbsolutePath();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        MailerQ mailerq = context.getStore(NAMESPACE).get(HANDLE, MailerQ.class);
        if (mailerq != null) {
            // after a crash the class's remaining tests fail at once with it, not with "Connection refused"
            Optional<RuntimeExit> ended = mailerq.process().exit();
            if (ended.isPresent()) {
                throw mailerq.endedFailure(ended.get(), null);
            }
            mailerq.sink().resetRules();
        }
    }

    /** A test's failure that is the runtime's end seen from outside fails with the end itself. */
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        MailerQ mailerq = context.getStore(NAMESPACE).get(HANDLE, MailerQ.class);
        if (mailerq != null) {
            Optional<RuntimeExit> ended = mailerq.endedOnItsOwn();
            if (ended.isPresent()) {
                throw mailerq.endedFailure(ended.get(), thrown);
            }
        }
        throw thrown;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        if (!context.getUniqueId().equals(store.get(OWNER))) {
            return;
        }
        MailerQ mailerq = store.remove(HANDLE, MailerQ.class);
        store.remove(OWNER);
        started = null;
        if (mailerq != null) {
            mailerq.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == MailerQ.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        MailerQ mailerq = context.getStore(NAMESPACE).get(HANDLE, MailerQ.class);
        if (mailerq == null) {
            throw new ExtensionConfigurationException("the runtime is not running here");
        }
        return mailerq;
    }
}
