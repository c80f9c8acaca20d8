package dev.mqkit.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;

/** How @MailerQTest turns the system properties the Maven plugin sets for failsafe into a runtime command line. */
class MailerQExtensionSetupTest {

    @MailerQTest(config = {"workers=1", "smtp-secure-port = 0"}, environment = "POLICY_URL=http://127.0.0.1:1/ a")
    static class Annotated {}

    @MailerQTest
    static class Plain {}

    private static String after(List<String> command, String option) {
        int index = command.lastIndexOf(option);
        assertTrue(index >= 0, option + " missing in " + command);
        return command.get(index + 1);
    }

    @Test
    void systemPropertiesAndTheAnnotationMakeTheCommandLine(@TempDir Path work) throws Exception {
        Path plugins = Files.createDirectory(work.resolve("plugins"));
        Path jar = work.resolve("mailerq-runtime-standalone.jar");
        Properties properties = new Properties();
        properties.setProperty("mailerq.pluginDirectory", plugins.toString());
        properties.setProperty("mailerq.runtime.jar", jar.toString());
        properties.setProperty("mailerq.runtime.jvmArgs", "-Xmx128m  -Dx=y");
        properties.setProperty("mailerq.timeout", "5s");
        properties.setProperty("mailerq.config.workers", "3");
        properties.setProperty("mailerq.config.delivery-retry-delay", "2s");
        properties.setProperty("mailerq.workDirectory", work.resolve("out").toString());
        properties.setProperty("mailerq.runtime.env.ASAN_OPTIONS", "handle_segv=0");
        properties.setProperty("mailerq.runtime.env.LD_PRELOAD", "");
        properties.setProperty("mailerq.runtime.env.POLICY_URL", "overridden by the annotation");

        MailerQExtension.Setup setup = new MailerQExtension().setup(Annotated.class, properties);
        List<String> command = setup.runtime().command();

        assertEquals(Duration.ofSeconds(5), setup.timeout());
        assertEquals(jar.toAbsolutePath().toString(), after(command, "-cp"));
        assertTrue(command.containsAll(List.of("-Xmx128m", "-Dx=y")), command.toString());
        assertTrue(command.indexOf("-Xmx128m") > command.indexOf("-Xmx104m"),
                "mailerq.runtime.jvmArgs come after the runtime's own JVM options, so they win: " + command);
        assertEquals("dev.mqkit.runtime.Main", command.get(command.indexOf("-cp") + 2));
        assertEquals(plugins.toAbsolutePath().toString(), after(command, "--plugin-directory"));
        assertEquals("1", after(command, "--workers"), "the annotation overrides the properties");
        assertEquals("0", after(command, "--smtp-secure-port"));
        assertEquals("2s", after(command, "--delivery-retry-delay"), "properties override the defaults");
        assertEquals("1s", after(command, "--retry-interval"), "retries after a second playing 4.0 and later too");
        assertEquals("5000ms", after(command, "--plugin-timeout"));
        assertEquals("0s", after(command, "--smtp-auth-failure-delay"), "a refused login is answered at once");
        assertEquals("0", after(command, "--control-port"));
        assertEquals(work.resolve("out").resolve(Annotated.class.getName()).resolve("crash.log").toAbsolutePath()
                .toString(), after(command, "--crash-log"));
        assertEquals(Map.of("ASAN_OPTIONS", "handle_segv=0", "POLICY_URL", "http://127.0.0.1:1/ a"),
                setup.runtime().environment(), "environment variables from mailerq.runtime.env.*, the blank ones "
                        + "left out, and from the annotation, which overrides them");
    }

    @Test
    void withoutAPluginDirectoryTheClassFailsSayingWhatToSet() {
        ExtensionConfigurationException missing = assertThrows(ExtensionConfigurationException.class,
                () -> new MailerQExtension().setup(Plain.class, new Properties()));
        assertTrue(missing.getMessage().contains("mailerq.pluginDirectory"), missing.getMessage());
        Properties properties = new Properties();
        properties.setProperty("mailerq.pluginDirectory", "/does/not/exist");
        ExtensionConfigurationException absent = assertThrows(ExtensionConfigurationException.class,
                () -> new MailerQExtension().setup(Plain.class, properties));
        assertTrue(absent.getMessage().contains("/does/not/exist"), absent.getMessage());
    }
}
