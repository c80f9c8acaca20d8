package dev.mqkit.runtime.host;

import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.MailerqRelease.Generation;
import dev.mqkit.api.elf.DynamicSymbol;
import dev.mqkit.api.elf.ElfFile;
import dev.mqkit.api.PluginApi;
import dev.mqkit.api.ReleaseApi;

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
 * would load; its undefined symbols are read first and looked up in the
 * plugin API model, and such a plugin is refused as that release would
 * refuse it, before any of its code runs.
 */
final class PluginLoader {

    private static final System.Logger LOG = System.getLogger("dev.mqkit.runtime.host");
    private static final Pattern UNDEFINED = Pattern.compile("undefined symbol: (\\S+)");
    /** dlopen's words for a needed library the loader does not find: "libcurl.so.4: cannot open shared object file". */
    private static final Pattern MISSING_LIBRARY = Pattern.compile("(\\S+): cannot open shared object file");

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
    static List<Plugin> load(List<Path> files, ReleaseApi api, int expected) {
        MailerqRelease release = api.release();
        List<Plugin> plugins = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            Optional<String> foreign = foreignFunction(file, api);
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
                        + " (MQ_API_VERSION of MailerQ " + release + (expected == api.apiVersion()
                        ? " in this runtime's mailerq.h" : ", as plugin-api-version says") + "); rebuild the "
                        + "plugin for MailerQ " + release + " (mailerqVersion " + release + ")");
                continue;
            }
            plugins.add(new Plugin(file, plugins.size(), handle, returned, api));
        }
        if (!problems.isEmpty()) {
            throw new PluginLoadException(problems);
        }
        return plugins;
    }

    /**
     * Why the release cannot load the file: the first MQ_ function it needs that the release does not
     * have (of the other generation, of a later release, or renamed since); empty when there is none,
     * or when the file is no ELF object (dlopen then says what is wrong with it).
     */
    static Optional<String> foreignFunction(Path file, ReleaseApi api) {
        MailerqRelease release = api.release();
        PluginApi model = api.model();
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
            // a name no release gives a function: dlopen names it
            Optional<PluginApi.Function> known = model.function(function);
            if (api.has(function) || known.isEmpty()) {
                continue;
            }
            Optional<Generation> other = model.onlyIn(function).filter(g -> g != api.generation());
            if (other.isPresent()) {
                return Optional.of("cannot load " + name + ": it calls " + function + ", a function of the MailerQ "
                        + model.releasesOf(other.get()) + " plugin API, which MailerQ " + release + " (the release "
                        + "this runtime plays, mailerq-version) does not have: build the plugin for MailerQ " + release
                        + " (mailerqVersion " + release + ") and use that release's functions, or play the "
                        + "release it was written for");
            }
            Optional<MailerqRelease> later = model.laterReleaseOf(function, release);
            if (later.isPresent()) {
                return Optional.of("cannot load " + name + ": it calls " + function + ", which came in MailerQ "
                        + later.get() + ", after MailerQ " + release + " (the release this runtime plays, "
                        + "mailerq-version): play MailerQ " + later.get() + " or later, or do without " + function);
            }
            Optional<String> current = known.get().nameIn(release);
            Optional<MailerqRelease> renamed = known.get().renamedAfter(function);
            if (current.isPresent() && renamed.isPresent()) {
                return Optional.of("cannot load " + name + ": it calls " + function + ", which MailerQ " + release
                        + " (the release this runtime plays, mailerq-version) calls " + current.get() + " since "
                        + renamed.get() + ": build the plugin for MailerQ " + release + " (mailerqVersion " + release
                        + "), or play a release before " + renamed.get());
            }
        }
        return Optional.empty();
    }

    private static String openProblem(String name, String dlerror) {
        Matcher missing = MISSING_LIBRARY.matcher(dlerror);
        if (missing.find() && !missing.group(1).endsWith("/" + name)) {
            String library = missing.group(1);
            return "cannot load " + name + ": it needs the shared library " + library + ", which is not installed "
                    + "where the loader looks (its run path, the ldconfig cache, /lib, /usr/lib). Install it on this "
                    + "machine (the plugin's descriptor and the assembled directory's system-libraries.txt name the "
                    + "package, e.g. apt-get install the one that provides " + library + "), or, for a library a "
                    + "plugin brings, put it into lib/ beside the plugin (" + dlerror + ")";
        }
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
