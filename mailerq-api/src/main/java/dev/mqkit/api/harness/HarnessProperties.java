package dev.mqkit.api.harness;

/**
 * The {@code mailerq.*} system properties through which a build hands a test JVM the plugins under test and
 * the runtime to run them in: the {@code mailerq-plugin} lifecycle sets them for failsafe, and
 * {@code @MailerQTest} reads them.
 */
public final class HarnessProperties {

    /** The plugin directory, numbered in load order ({@code 10-base.so}, {@code 20-mine.so}). */
    public static final String PLUGIN_DIRECTORY = "mailerq.pluginDirectory";
    /** The runtime's standalone jar. */
    public static final String RUNTIME_JAR = "mailerq.runtime.jar";
    /** A class path with {@code dev.mqkit.runtime.Main}, the alternative to {@link #RUNTIME_JAR}. */
    public static final String RUNTIME_CLASSPATH = "mailerq.runtime.classpath";
    /** Extra arguments for the runtime's JVM, separated by spaces; after its {@code JvmOptions}, so they win. */
    public static final String RUNTIME_JVM_ARGS = "mailerq.runtime.jvmArgs";
    /**
     * The prefix of an environment variable for the runtime process: {@code mailerq.runtime.env.LD_PRELOAD=…};
     * a blank value sets nothing. A sanitized {@code mailerq:exercise} sets the sanitizers' ones for the tests.
     */
    public static final String RUNTIME_ENVIRONMENT_PREFIX = "mailerq.runtime.env.";
    /** How long a plugin may hold control of a hook, and how long tests wait: {@code 30s}, {@code 500ms}. */
    public static final String TIMEOUT = "mailerq.timeout";
    /** The prefix of any runtime configuration key: {@code mailerq.config.workers=1}. */
    public static final String CONFIG_PREFIX = "mailerq.config.";
    /** Where the runtime's output, crash log and hook trace go, one directory per test class. */
    public static final String WORK_DIRECTORY = "mailerq.workDirectory";

    private HarnessProperties() {}
}
