package dev.mqkit.runtime.host;

import dev.mqkit.runtime.config.MailerqRelease;
import dev.mqkit.runtime.config.MailerqRelease.Generation;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Loads a plugin directory the way MailerQ does at start-up: every *.so in
 * byte order of file name, each required to export mq_version() returning
 * this API's version. Only the directory's own files: sub-folders, such as the
 * lib/ that plugins load their shared libraries from, are not searched.
 */
final class PluginLoader {

    private static final System.Logger LOG = System.getLogger("dev.mqkit.runtime.host");
    private static final Pattern UNDEFINED = Pattern.compile("undefined symbol: (\\S+)");

    private PluginLoader() {}

    /** The *.so files of a directory in MailerQ's order (as LC_ALL=C ls sorts them). */
    static List<Path> pluginFiles(Path directory) {
        if (directory == null) {
            return List.of();
        }
        if (!Files.isDirectory(directory)) {
            LOG.log(Level.WARNING, "plugin-directory " + directory + " does not exist: NO PLUGINS ARE LOADED. "
                    + "MailerQ skips a missing directory silently; check the path.");
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".so"))
                    .filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(PluginLoader::nameBytes, Arrays::compareUnsigned))
                    .toList();
        } catch (IOException e) {
            throw new PluginLoadException(List.of("cannot read plugin-directory " + directory + ": " + e.getMessage()));
        }
    }

    private static byte[] nameBytes(Path file) {
        return file.getFileName().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Opens and checks every file; throws with all problems at once, so one build shows them all. */
    static List<Plugin> load(List<Path> files, MailerqRelease release) {
        int expected = LibMqHost.mqhost_api_version();
        List<Plugin> plugins = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            byte[] error = new byte[1024];
            long handle = LibMqHost.mqhost_plugin_open(file.toAbsolutePath().toString(), error, error.length);
            if (handle == 0) {
                problems.add(openProblem(name, cString(error), release));
                continue;
            }
            long version = LibMqHost.mqhost_plugin_symbol(handle, "mq_version");
            if (version == 0) {
                problems.add(name + " exports no mq_version(): MailerQ refuses to start with it. Add "
                        + "'MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }'");
                continue;
            }
            int returned = LibMqHost.mqhost_call_version(version);
            if (returned != expected) {
                problems.add(name + ": mq_version() returned " + returned + ", expected " + expected
                        + " (MQ_API_VERSION of MailerQ " + release + " in this runtime's mailerq.h); rebuild the "
                        + "plugin for MailerQ " + release + " (mailerqVersion " + release + ")");
                continue;
            }
            plugins.add(new Plugin(file, plugins.size(), handle, returned));
        }
        if (!problems.isEmpty()) {
            throw new PluginLoadException(problems);
        }
        return plugins;
    }

    private static String openProblem(String name, String dlerror, MailerqRelease release) {
        Matcher undefined = UNDEFINED.matcher(dlerror);
        if (undefined.find()) {
            String symbol = undefined.group(1);
            Optional<Generation> other = Generation.ofFunction(symbol).filter(g -> g != release.generation());
            if (other.isPresent()) {
                return "cannot load " + name + ": it calls " + symbol + ", a function of the MailerQ "
                        + other.get().releases() + " plugin API, which MailerQ " + release + " (the release this "
                        + "runtime plays, mailerq-version) does not have: build the plugin for MailerQ " + release
                        + " (mailerqVersion " + release + ") (" + dlerror + ")";
            }
            String hint = symbol.startsWith("MQ_")
                    ? " MailerQ offers no such function: check its spelling against mailerq.h"
                    : " Link the library that defines it into the plugin (e.g. <libraries> in the pom)";
            return "cannot load " + name + ": it uses " + symbol + ", which nothing loaded defines." + hint
                    + " (" + dlerror + ")";
        }
        return "cannot load " + name + ": " + dlerror;
    }

    private static String cString(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
