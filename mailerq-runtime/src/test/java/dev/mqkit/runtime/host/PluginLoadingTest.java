package dev.mqkit.runtime.host;

import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.fixtures.BothGenerations;
import dev.mqkit.api.fixtures.TestReleases;
import dev.mqkit.header.testing.NativeCompiler;
import dev.mqkit.runtime.fixtures.TestKit;
import dev.mqkit.runtime.fixtures.TestPlugins;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Loading a plugin directory as MailerQ does at start-up, and stopping as it stops. */
@BothGenerations
class PluginLoadingTest {

    private final MailerqRelease release;

    PluginLoadingTest(MailerqRelease release) {
        this.release = release;
    }

    @BeforeEach
    void reset() {
        TestKit.reset();
    }

    private PluginHostSettings settings(Path directory) {
        return PluginHostSettings.of(directory).withRelease(release).withWorkers(1)
                .withHandBackTimeout(Duration.ofSeconds(5));
    }

    private Path scripted(String name, String variant, String... flags) {
        return TestPlugins.scripted(release, name, variant, flags);
    }

    @Test
    void loadsEverySharedObjectInByteOrderOfItsName() throws IOException {
        Path directory = TestPlugins.directory(
                "20-b.so", scripted("b", ""),
                "9-c.so", scripted("c", ""),
                "10-a.so", scripted("a", ""));
        Files.writeString(directory.resolve("README.txt"), "not a plugin");
        // the shared libraries that plugins load from lib/ beside them are no plugins
        Files.copy(scripted("lib", ""), Files.createDirectory(directory.resolve("lib")).resolve("15-lib.so"));

        try (PluginHost host = PluginHost.start(settings(directory))) {
            assertEquals(List.of("10-a.so", "20-b.so", "9-c.so"), host.plugins().stream().map(Plugin::name).toList());
        }

        List<String> trace = TestKit.take();
        assertEquals(List.of("a mq_initialize", "b mq_initialize", "c mq_initialize"), trace.subList(0, 3));
        assertEquals(List.of("a mq_cleanup", "b mq_cleanup", "c mq_cleanup"),
                trace.subList(trace.size() - 3, trace.size()));
        assertTrue(firstStartingWith(trace, "a mq_context_cleanup ctx=a#") < trace.indexOf("a mq_cleanup"),
                "mq_context_cleanup runs before mq_cleanup: " + trace);
        assertTrue(trace.indexOf("c mq_initialize") < firstStartingWith(trace, "a mq_context_initialize"),
                "every mq_initialize runs before the workers start: " + trace);
    }

    @Test
    void refusesAPluginThatReturnsAnotherVersion() {
        Path directory = TestPlugins.directory(
                "10-a.so", scripted("a", ""),
                "20-old.so", scripted("old", "v7", "-DPLUGIN_VERSION=7"));

        PluginLoadException refused = assertThrows(PluginLoadException.class,
                () -> PluginHost.start(settings(directory)));

        assertEquals("20-old.so: mq_version() returned 7, expected " + TestReleases.header(release).apiVersion()
                + " (MQ_API_VERSION of MailerQ " + release + " in this runtime's mailerq.h); rebuild the plugin for "
                + "MailerQ " + release + " (mailerqVersion " + release + ")", refused.getMessage());
        assertEquals(List.of(), TestKit.take(), "no plugin is initialised when one is refused");
    }

    @Test
    void refusesAPluginWithoutMqVersion() {
        Path directory = TestPlugins.directory("10-nover.so", scripted("nover", "nover", "-DWITHOUT_VERSION"));

        PluginLoadException refused = assertThrows(PluginLoadException.class,
                () -> PluginHost.start(settings(directory)));

        assertTrue(refused.getMessage().startsWith("10-nover.so exports no mq_version(): MailerQ refuses to start"),
                refused.getMessage());
    }

    @Test
    void namesThePluginAndTheSymbolThatCannotBeResolved() {
        Path directory = TestPlugins.directory("30-bogus.so", scripted("bogus", "bogus", "-DUNKNOWN_CALL"));

        PluginLoadException refused = assertThrows(PluginLoadException.class,
                () -> PluginHost.start(settings(directory)));

        assertTrue(refused.getMessage().startsWith("cannot load 30-bogus.so: it uses MQ_Bogus, which nothing loaded "
                + "defines. MailerQ offers no such function"), refused.getMessage());
    }

    @Test
    void namesTheNeededLibraryThatIsNotInstalled() throws IOException {
        // a plugin linked with a library that is then nowhere the loader looks, as on a server without it
        Path sources = NativeCompiler.workDir().resolve("sources");
        Files.createDirectories(sources);
        Path library = Files.writeString(sources.resolve("gone.c"),
                "__attribute__((visibility(\"default\"))) int gone(void) { return 1; }\n");
        Path built = NativeCompiler.cc().sharedObject(library, "gone/libmqkit-gone.so.1",
                List.of("-Wl,-soname,libmqkit-gone.so.1"));
        Path plugin = Files.writeString(sources.resolve("needs-gone.c"), "#include <mailerq.h>\nint gone(void);\n"
                + "MQ_EXPORT int mq_version(void) { return MQ_API_VERSION + gone() - 1; }\n");
        Path needsGone = NativeCompiler.cc().sharedObject(plugin, "needs-gone-" + release + ".so",
                List.of("-I" + NativeCompiler.includeDir(), TestPlugins.define(release)),
                List.of("-L" + built.getParent(), "-l:libmqkit-gone.so.1"));
        Path directory = TestPlugins.directory("40-needs-gone.so", needsGone);

        PluginLoadException refused = assertThrows(PluginLoadException.class,
                () -> PluginHost.start(settings(directory)));

        assertTrue(refused.getMessage().startsWith("cannot load 40-needs-gone.so: it needs the shared library "
                + "libmqkit-gone.so.1, which is not installed"), refused.getMessage());
        assertTrue(refused.getMessage().contains("system-libraries.txt"), refused.getMessage());
    }

    @Test
    void namesTheFunctionOfTheOtherGenerationAndTheReleasePlayed() {
        Path directory = TestPlugins.directory("30-other.so", scripted("other", "other", "-DOTHER_GENERATION_CALL"));

        PluginLoadException refused = assertThrows(PluginLoadException.class,
                () -> PluginHost.start(settings(directory)));

        // the plugin calls the other generation's MQ_continue (3.x build) or MQ_Continue (5.x build)
        String function = TestReleases.named(release, "MQ_continue", "MQ_Continue");
        String message = refused.getMessage();
        assertTrue(message.startsWith("cannot load 30-other.so: it calls " + function + ", a function of the MailerQ "
                + TestReleases.named(release, "4.0-5.13", "2.1/3.x") + " plugin API"), message);
        assertTrue(message.contains("MailerQ " + release + " (the release this runtime plays"), message);
        assertTrue(message.contains("(mailerqVersion " + release + ")"), "the fix names the release: " + message);
    }

    @Test
    void reportsEveryRefusedPluginAtOnce() {
        Path directory = TestPlugins.directory(
                "10-nover.so", scripted("nover", "nover", "-DWITHOUT_VERSION"),
                "20-old.so", scripted("old", "v7", "-DPLUGIN_VERSION=7"));

        PluginLoadException refused = assertThrows(PluginLoadException.class,
                () -> PluginHost.start(settings(directory)));

        assertEquals(2, refused.problems().size(), refused.getMessage());
    }

    @Test
    void warnsLoudlyAboutAMissingDirectory() {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Logger logger = Logger.getLogger("dev.mqkit.runtime.host");
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        logger.addHandler(handler);
        try (PluginHost host = PluginHost.start(settings(Path.of("target/no-such-plugin-directory")))) {
            assertEquals(List.of(), host.plugins());
        } finally {
            logger.removeHandler(handler);
        }
        assertTrue(records.stream().anyMatch(record -> record.getLevel() == Level.WARNING
                && record.getMessage().contains("no-such-plugin-directory does not exist: NO PLUGINS ARE LOADED")),
                "a warning names the directory");
    }

    private static int firstStartingWith(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starts with " + prefix + " in " + lines);
    }
}
