package dev.mqkit.harness.process;

import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.config.CommandLine;
import dev.mqkit.api.config.ConfigException;
import dev.mqkit.api.config.JvmOptions;
import dev.mqkit.api.config.RuntimeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How to start the runtime in a process of its own: its plugin directory, configuration, class path, JVM and
 * work directory. {@link #start()} gives the running {@link RuntimeProcess}.
 *
 * <pre>{@code
 * RuntimeProcess runtime = RuntimeProcess.builder().pluginDirectory(dir).config("workers", "1").start();
 * }</pre>
 *
 * <p>The harness does not depend on the runtime: it starts {@link #MAIN_CLASS} from a class path it is given.
 * The Maven plugin resolves the runtime of its own version through Maven's resolver and passes its class path
 * ({@link #classpath}); {@code @MailerQTest} takes it from the {@code mailerq.runtime.*} properties the
 * {@code mailerq-plugin} lifecycle sets, or else from the test JVM's own class path, where {@code mailerq-test}
 * brings {@code mailerq-runtime} at runtime scope; the standalone jar works too ({@link #jar}).
 */
public final class RuntimeLauncher {
    /** The runtime's command-line entry point, started by name since the runtime is not on the harness's class path. */
    public static final String MAIN_CLASS = "dev.mqkit.runtime.Main";
    /** The variables of this JVM's environment that a runtime inherits, with the locale's {@code LC_*}. */
    public static final Set<String> INHERITED = Set.of("PATH", "HOME", "USER", "TMPDIR", "TZ", "LANG", "JAVA_HOME",
            "LD_LIBRARY_PATH");

    private Path pluginDirectory;
    private final Map<String, String> config = new LinkedHashMap<>();
    private String classpath = System.getProperty("java.class.path");
    private Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    private final List<String> jvmArguments = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Path workDirectory;
    private boolean crashLog = true;
    private boolean traceFile = true;
    private Duration startTimeout = Duration.ofSeconds(60);
    private Optional<ClassDataArchive> archive;

    RuntimeLauncher() {}

    /** The directory with the plugins, numbered in the order they run (plugin-directory). */
    public RuntimeLauncher pluginDirectory(Path directory) {
        this.pluginDirectory = directory;
        return this;
    }

    /** The plugin directory given, or null. */
    public Path pluginDirectory() {
        return pluginDirectory;
    }

    /** Any runtime configuration key, passed as {@code --key value}; later calls win. */
    public RuntimeLauncher config(String key, String value) {
        config.put(key, value);
        return this;
    }

    /** The class path to start {@code dev.mqkit.runtime.Main} from; default: this JVM's. */
    public RuntimeLauncher classpath(String classpath) {
        this.classpath = classpath;
        return this;
    }

    /** The runtime's standalone jar (classifier {@code standalone}) instead of a class path. */
    public RuntimeLauncher jar(Path jar) {
        this.classpath = jar.toAbsolutePath().toString();
        return this;
    }

    /** The java command; default: the one running this JVM. */
    public RuntimeLauncher java(Path java) {
        this.java = java;
        return this;
    }

    /**
     * An extra argument for the runtime's JVM, e.g. {@code -Xmx256m}; it comes after the {@link JvmOptions} for
     * the configuration, so it wins over them. {@code -Xshare:off} also turns the class data archive off.
     */
    public RuntimeLauncher jvmArgument(String argument) {
        jvmArguments.add(argument);
        return this;
    }

    /** Extra arguments for the runtime's JVM separated by spaces ({@code mailerq.runtime.jvmArgs}), each as {@link #jvmArgument}. */
    public RuntimeLauncher jvmArguments(String separatedBySpaces) {
        for (String argument : separatedBySpaces.trim().split("\\s+")) {
            if (!argument.isEmpty()) {
                jvmArgument(argument);
            }
        }
        return this;
    }

    /**
     * An environment variable for the runtime process (its plugins see it). Of this JVM's environment the
     * process inherits only what a process needs to run ({@link #INHERITED}): a variable exported in the shell
     * that runs Maven, e.g. a service's URL or a {@code MAILERQ_*} key, must not change what a test sees; the
     * others it gets only from here.
     */
    public RuntimeLauncher environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** The environment variables set for the process, beyond this JVM's own. */
    public Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    /** Where the process's output, crash log and JVM error files go; default: a new temporary directory. */
    public RuntimeLauncher workDirectory(Path directory) {
        this.workDirectory = directory.toAbsolutePath();
        return this;
    }

    /** Whether the runtime writes the crash log that names the hook of a crash (default: true). */
    public RuntimeLauncher crashLog(boolean enabled) {
        this.crashLog = enabled;
        return this;
    }

    /** Whether the runtime writes its final hook trace to {@code trace.json} when it stops (default: true). */
    public RuntimeLauncher traceFile(boolean enabled) {
        this.traceFile = enabled;
        return this;
    }

    /** How long the process may take to announce its ports (default: 60 s). */
    public RuntimeLauncher startTimeout(Duration timeout) {
        this.startTimeout = timeout;
        return this;
    }

    /**
     * The command line {@link #start()} runs: the {@link JvmOptions} for the configuration, the class data
     * archive of this java and class path ({@link ClassDataArchive}; not with a directory on the class path, a
     * sanitizer preloaded or a CDS option of the caller's), then the caller's {@link #jvmArgument}s.
     */
    public List<String> command() {
        Path work = workDirectory();
        List<String> arguments = runtimeArguments(work);
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(JvmOptions.forConfig(configuration(arguments, environment)));
        archive().ifPresent(archive -> command.addAll(archive.jvmOptions()));
        command.add("-XX:-CreateCoredumpOnCrash");
        command.add("-Djava.awt.headless=true");
        command.addAll(jvmArguments);
        command.add("-XX:ErrorFile=" + work.resolve(RuntimeExit.ERROR_FILE));
        command.add("-cp");
        command.add(classpath);
        command.add(MAIN_CLASS);
        command.addAll(arguments);
        return command;
    }

    /** The runtime's own arguments, {@code --key value} each. */
    private List<String> runtimeArguments(Path work) {
        List<String> arguments = new ArrayList<>();
        Map<String, String> all = new LinkedHashMap<>();
        all.put("control-port", "0");
        all.put("smtp-port", "0");
        if (pluginDirectory != null) {
            all.put("plugin-directory", pluginDirectory.toAbsolutePath().toString());
        }
        if (crashLog) {
            all.put("crash-log", work.resolve(RuntimeProcess.CRASH_LOG).toString());
        }
        if (traceFile) {
            all.put("trace-file", work.resolve(RuntimeProcess.TRACE_FILE).toString());
        }
        all.putAll(config);
        all.forEach((key, value) -> {
            arguments.add("--" + key);
            arguments.add(value);
        });
        return arguments;
    }

    /** The configuration the runtime will read from these arguments; the defaults when they are wrong (it says why). */
    private static RuntimeConfig configuration(List<String> arguments, Map<String, String> environment) {
        try {
            return CommandLine.parse(arguments.toArray(String[]::new)).config(environment);
        } catch (ConfigException e) {
            return RuntimeConfig.defaults();
        }
    }

    /** The MailerQ release the runtime will play: the mailerq-version its configuration gives. */
    public MailerqRelease release() {
        return configuration(runtimeArguments(workDirectory()), environment).mailerqVersion();
    }

    /** The class data archive the runtime may use, once per launcher (the first run on a class path writes it). */
    private Optional<ClassDataArchive> archive() {
        if (archive == null) {
            boolean callersChoice = jvmArguments.stream().anyMatch(argument -> argument.startsWith("-Xshare")
                    || argument.contains("SharedArchiveFile") || argument.contains("ArchiveClassesAtExit"));
            // the sanitizers' shadow memory and the archive's mapping do not mix
            archive = callersChoice || environment.containsKey("LD_PRELOAD") ? Optional.empty()
                    : ClassDataArchive.of(java, classpath);
        }
        return archive;
    }

    private Path workDirectory() {
        try {
            if (workDirectory == null) {
                workDirectory = Files.createTempDirectory("mailerq-runtime");
            }
            Files.createDirectories(workDirectory);
            return workDirectory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts the process and waits until its control channel is up.
     *
     * @throws IllegalStateException when it ends or stays silent before that, with how it ended and its
     *         last output
     */
    public RuntimeProcess start() {
        List<String> command = command();
        Path work = workDirectory();
        try {
            // what an earlier run in the same directory left must not be taken for this one's
            Files.deleteIfExists(work.resolve(RuntimeProcess.TRACE_FILE));
            Files.deleteIfExists(work.resolve(RuntimeProcess.CRASH_LOG));
            // nor an earlier crash's JVM error report, which a good run would leave lying there
            try (DirectoryStream<Path> reports = Files.newDirectoryStream(work, RuntimeExit.ERROR_FILE.replace("%p", "*"))) {
                for (Path report : reports) {
                    Files.deleteIfExists(report);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        environmentOf(builder);
        Process process;
        try {
            process = started(builder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the runtime: " + String.join(" ", command), e);
        }
        RuntimeProcess runtime = new RuntimeProcess(process, work, crashLog ? work.resolve(RuntimeProcess.CRASH_LOG) : null);
        runtime.awaitStart(startTimeout);
        return runtime;
    }

    /**
     * Starts the process of {@link #command()} with its output on this process's own and in its working
     * directory, for a runtime in the foreground ({@code mailerq:run}); the caller waits for it and stops it.
     */
    public Process startInForeground() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command()).inheritIO();
        environmentOf(builder);
        return started(builder);
    }

    /** The process's environment: of this JVM's only the {@link #INHERITED} variables, then the ones set here. */
    private void environmentOf(ProcessBuilder builder) {
        builder.environment().keySet().removeIf(name -> !inherited(name));
        builder.environment().putAll(environment);
    }

    /**
     * Whether the runtime process inherits this variable of this JVM's environment: {@code PATH}, {@code HOME},
     * {@code USER}, {@code TMPDIR}, {@code TZ}, the locale ({@code LANG}, {@code LC_*}), and what the runtime and
     * its plugins' libraries need to be found: {@code JAVA_HOME}, {@code LD_LIBRARY_PATH}.
     */
    static boolean inherited(String name) {
        return INHERITED.contains(name) || name.startsWith("LC_");
    }

    private Process started(ProcessBuilder builder) throws IOException {
        Process process = builder.start();
        archive().ifPresent(archive -> process.onExit().thenAccept(ended -> archive.processEnded(ended.exitValue())));
        return process;
    }
}
