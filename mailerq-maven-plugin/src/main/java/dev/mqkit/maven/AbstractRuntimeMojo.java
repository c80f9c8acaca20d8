package dev.mqkit.maven;

import dev.mqkit.api.config.ConfigKey;
import dev.mqkit.api.harness.HarnessProperties;
import dev.mqkit.harness.process.RuntimeLauncher;
import dev.mqkit.harness.process.RuntimeProcess;
import dev.mqkit.maven.assemble.PluginDependencyCheck;
import dev.mqkit.maven.assemble.PluginDirectoryLayout;
import dev.mqkit.maven.platform.Platform;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;

/**
 * What the goals that run the plugin in the embedded runtime share: the
 * plugin directory MailerQ would load, and the runtime of the toolkit's own
 * version to load it in.
 */
abstract class AbstractRuntimeMojo extends AbstractPluginMojo {

    private static final String RUNTIME_ARTIFACT_ID = "mailerq-runtime";

    /**
     * The runtime keys that make it play the project's release: mailerq-version, and with a
     * {@code <header>} of a real MailerQ, plugin-api-version, so that the runtime expects that
     * header's MQ_API_VERSION rather than the toolkit's.
     */
    protected Map<String, String> releaseConfig() throws MojoFailureException {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put(ConfigKey.MAILERQ_VERSION.key(), release().toString());
        if (header != null) {
            keys.put(ConfigKey.PLUGIN_API_VERSION.key(), String.valueOf(api().version()));
        }
        return keys;
    }

    /**
     * Orders for the plugins this one depends on, replacing the ones they were
     * published with, keyed by artifactId or groupId.artifactId (as for assemble).
     */
    @Parameter
    protected Map<String, String> orders = new LinkedHashMap<>();

    /** Runtime configuration keys (see {@code java -jar mailerq-runtime-*-standalone.jar --help}), e.g. {@code <workers>1</workers>}. */
    @Parameter
    protected Map<String, String> runtimeConfig = new LinkedHashMap<>();

    /**
     * Environment variables for every runtime the build starts: the exercise's, {@code mailerq:run}'s and those
     * of the {@code @MailerQTest} tests (failsafe gets them as {@code mailerq.runtime.env.NAME} properties),
     * e.g. {@code <runtimeEnvironment><POLICY_URL>http://127.0.0.1:8080/</POLICY_URL></runtimeEnvironment>};
     * {@code -Dmailerq.runtime.env.NAME=value} sets one too, over this. Of the shell's own environment a
     * runtime inherits only what a process needs: {@code PATH}, {@code HOME}, {@code USER}, {@code TMPDIR},
     * {@code TZ}, the locale ({@code LANG}, {@code LC_*}), {@code JAVA_HOME} and {@code LD_LIBRARY_PATH}.
     */
    @Parameter
    protected Map<String, String> runtimeEnvironment = new LinkedHashMap<>();

    /**
     * Extra arguments for the runtime's JVM, separated by spaces (e.g. {@code -Xmx256m -XX:+UseG1GC}); they come
     * after, and so win over, the options the runtime gets for its configuration, which
     * {@code java -jar mailerq-runtime-*-standalone.jar --jvm-options} prints. Given as a property, failsafe
     * hands it to {@code @MailerQTest} too.
     */
    @Parameter(property = HarnessProperties.RUNTIME_JVM_ARGS)
    protected String runtimeJvmArgs;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    private org.apache.maven.plugin.descriptor.PluginDescriptor plugin;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    @Component
    private RepositorySystem repositorySystem;

    /**
     * target/mailerq/plugin-directory as MailerQ would load it: the plugin under
     * its numbered name, and the plugins it depends on under theirs.
     */
    protected Path layOut(PluginFiles files) throws MojoExecutionException, MojoFailureException {
        return layOut(files, files.workDirectory().resolve("plugin-directory"), UnaryOperator.identity());
    }

    /** As {@link #layOut(PluginFiles)}, into {@code directory}, each plugin's file chosen by {@code choose}. */
    protected Path layOut(PluginFiles files, Path directory, UnaryOperator<PluginDirectoryLayout.Entry> choose)
            throws MojoExecutionException, MojoFailureException {
        PluginDependencyCheck check = new PluginDependencyCheck(Platform.current(), api().version(),
                release().toString());
        try {
            PluginDirectoryLayout layout = new PluginDependencies(project, repositorySystem,
                    session.getRepositorySession(), check).layout(files, orders).withPlugins(choose);
            layout.writeTo(directory);
            getLog().info("Plugin directory " + directory + ": " + String.join(", ", Stream.concat(
                    layout.fileNames().stream(), layout.libraries().stream().map(l -> l.library().path())).toList()));
        } catch (PluginDirectoryLayout.ClashException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot lay out " + directory + ": " + e.getMessage(), e);
        }
        return directory;
    }

    /**
     * How to start the runtime on {@code pluginDirectory} from {@code classpath}, its files in {@code work}, with
     * the {@link #runtimeEnvironment()}.
     */
    protected RuntimeLauncher launcher(Path pluginDirectory, String classpath, Path work) {
        RuntimeLauncher launcher = RuntimeProcess.builder().pluginDirectory(pluginDirectory).classpath(classpath)
                .workDirectory(work).jvmArguments(runtimeJvmArgs == null ? "" : runtimeJvmArgs);
        runtimeEnvironment().forEach(launcher::environment);
        return launcher;
    }

    /**
     * {@code runtimeEnvironment}, then the non-blank {@code -Dmailerq.runtime.env.NAME} properties of the command
     * line over it (the session's system properties: not those an earlier module's goal set for its tests).
     */
    protected Map<String, String> runtimeEnvironment() {
        Map<String, String> variables = new LinkedHashMap<>(runtimeEnvironment);
        Properties properties = session.getSystemProperties();
        String prefix = HarnessProperties.RUNTIME_ENVIRONMENT_PREFIX;
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith(prefix) && name.length() > prefix.length() && !properties.getProperty(name).isBlank()) {
                variables.put(name.substring(prefix.length()), properties.getProperty(name));
            }
        }
        return variables;
    }

    /**
     * The class path of the runtime this goal came with: its own version, whatever the project declares, and
     * only the runtime and what it needs (not the test harness that the exercise itself runs on).
     */
    protected String runtimeClasspath() throws MojoExecutionException {
        Dependency runtime = new Dependency(new DefaultArtifact(plugin.getGroupId(), RUNTIME_ARTIFACT_ID, "jar",
                plugin.getVersion()), "runtime");
        CollectRequest collect = new CollectRequest(runtime, project.getRemotePluginRepositories());
        try {
            return repositorySystem.resolveDependencies(session.getRepositorySession(),
                            new DependencyRequest(collect, null)).getArtifactResults().stream()
                    .map(result -> result.getArtifact().getFile().getAbsolutePath())
                    .collect(Collectors.joining(File.pathSeparator));
        } catch (DependencyResolutionException e) {
            throw new MojoExecutionException("cannot resolve the runtime " + runtime.getArtifact() + ": "
                    + e.getMessage(), e);
        }
    }
}
