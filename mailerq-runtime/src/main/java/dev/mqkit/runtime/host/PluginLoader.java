package dev.mqkit.runtime.host;

import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.MailerqRelease.Generation;
import dev.mqkit.api.elf.DynamicSymbol;
import dev.mqkit.api.elf.ElfFile;

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
 * the played release's MQ_API_VERSION. Only the directory's own files:
 * sub-folders, such as the lib/ that plugins load their shared libraries
 * from, are not searched. libmqhost defines the functions of both API
 * generations, so a plugin that calls one the played release does not have
 * would load; its undefined symbols are read first, and such a plugin is
 * refused as that release would refuse it, before any of its code runs.
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
    static List<Plugin> load(List<Path> files, MailerqRelease release, int expected) {
        List<Plugin> plugins = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            Optional<String> foreign = foreignFunction(file, release);
            if (foreign.isPresent()) {
                problems.add(foreign.get());
                continue;
            }
            byte[] error = new byte[1024];
            long handle = LibMqHost.mqhost_plugin_open(file.toAbsolutePath().toString(), error, error.length);
            if (handle == 0) {
                problems.add(openProblem(name, cString(error)));
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
                        + " (MQ_API_VERSION of MailerQ " + release + (expected == release.apiVersion()
                        ? " in this runtime's mailerq.h" : ", as plugin-api-version says") + "); rebuild the "
                        + "plugin for MailerQ " + release + " (mailerqVersion " + release + ")");
                continue;
            }
            plugins.add(new Plugin(file, plugins.size(), handle, returned, release.generation()));
        }
        if (!problems.isEmpty()) {
            throw new PluginLoadException(problems);
        }
        return plugins;
    }

    /**
     * Why the release cannot load the file: the first MQ_ function it needs that the release does not
     * have (of the other generation, or of a later release); empty when there is none, or when the
     * file is no ELF object (dlopen then says what is wrong with it).
     */
    static Optional<String> foreignFunction(Path file, MailerqRelease release) {
        List<DynamicSymbol> symbols;
        try {
            symbols = ElfFile.read(file).dynamicSymbols();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        String name = file.getFileName().toString();
        for (DynamicSymbol symbol : symbols) {
            if (!symbol.undefined()) {
                continue;
            }
            String function = symbol.name();
            // a name libmqhost does not define is no function of either generation: dlopen names it
            Optional<Generation> other = Generation.ofFunction(function).filter(g -> g != release.generation())
                    .filter(g -> LibMqHost.defines(function));
            if (other.isPresent()) {
                return Optional.of("cannot load " + name + ": it calls " + function + ", a function of the MailerQ "
                        + other.get().releases() + " plugin API, which MailerQ " + release + " (the release this "
                        + "runtime plays, mailerq-version) does not have: build the plugin for MailerQ " + release
                        + " (mailerqVersion " + release + ") and use that release's functions, or play the "
                        + "release it was written for");
            }
            Optional<MailerqRelease> later = release.laterReleaseOf(function);
            if (later.isPresent()) {
                return Optional.of("cannot load " + name + ": it calls " + function + ", which came in MailerQ "
                        + later.get() + ", after MailerQ " + release + " (the release this runtime plays, "
                        + "mailerq-version): play MailerQ " + later.get() + " or later, or do without " + function);
            }
        }
        return Optional.empty();
    }

    private static String openProblem(String name, String dlerror) {
        Matcher undefined = UNDEFINED.matcher(dlerror);
        if (undefined.find()) {
            String symbol = undefined.group(1);
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
