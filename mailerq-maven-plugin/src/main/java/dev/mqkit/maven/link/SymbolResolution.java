package dev.mqkit.maven.link;

import dev.mqkit.api.elf.DynamicSymbol;
import dev.mqkit.api.elf.ElfFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Resolves a plugin's undefined dynamic symbols as the dynamic linker will when MailerQ loads it: against the
 * host's {@code MQ_} functions and JSON library, which MailerQ has loaded before any plugin, and against the
 * plugin's own needed libraries and theirs, found as the loader finds them (libc, libstdc++ and libgcc_s come in
 * this way too). Plugins are opened with {@code RTLD_LOCAL}, so another plugin's symbols are never seen. A weak
 * undefined symbol may stay unresolved; symbol versions are not compared, the linker chose them at link time.
 */
public final class SymbolResolution {

    /** The names the API check judges (MQ_ functions, also C++-mangled), left out here so none is reported twice. */
    private static final Pattern API_NAME = Pattern.compile("MQ_.*|_Z\\d+MQ_.*");

    /**
     * What a plugin needs that its load would not find.
     *
     * @param unresolved       undefined symbols nothing defines, in the plugin's order
     * @param missingLibraries needed libraries the loader would not find, as "{@code libx.so.1} (needed by ...)"
     * @param needed           the plugin's own DT_NEEDED entries, each with the file the loader would load, if any
     */
    public record Result(List<String> unresolved, List<String> missingLibraries, Map<String, Optional<Path>> needed) {
        public boolean passed() {
            return unresolved.isEmpty() && missingLibraries.isEmpty();
        }
    }

    private final LibrarySearch search;
    private final Set<String> hostFunctions;
    private final List<String> hostLibraries;
    private final Predicate<String> hostLibraryFallback;

    /**
     * @param hostFunctions       the {@code MQ_} functions of the played release
     * @param hostLibraries       what the host loads globally before the plugins, e.g. {@code libfastjson.so.4}
     * @param hostLibraryFallback the symbols taken as the host libraries' when this machine has none of them
     */
    public SymbolResolution(LibrarySearch search, Set<String> hostFunctions, List<String> hostLibraries,
                            Predicate<String> hostLibraryFallback) {
        this.search = search;
        this.hostFunctions = hostFunctions;
        this.hostLibraries = hostLibraries;
        this.hostLibraryFallback = hostLibraryFallback;
    }

    /**
     * @param origin the folder {@code $ORIGIN} stands for at load time
     * @param extra  folders holding libraries the plugin will find in its run path at load time (NAR libraries)
     */
    public Result resolve(Path pluginFile, Path origin, List<Path> extra) throws IOException {
        ElfFile plugin = ElfFile.read(pluginFile);
        Set<String> wanted = new LinkedHashSet<>();
        for (DynamicSymbol symbol : plugin.dynamicSymbols()) {
            if (symbol.undefined() && symbol.binding() != DynamicSymbol.STB_WEAK
                    && !API_NAME.matcher(symbol.name()).matches() && !hostFunctions.contains(symbol.name())) {
                wanted.add(symbol.name());
            }
        }
        boolean hostLibraryFound = false;
        for (String library : hostLibraries) {
            Optional<Path> file = search.find(library, plugin, origin, List.of());
            if (file.isPresent()) {
                hostLibraryFound = true;
                defineFrom(ElfFile.read(file.get()), wanted);
            }
        }
        if (!hostLibraryFound) {
            wanted.removeIf(hostLibraryFallback);
        }
        Map<String, Optional<Path>> needed = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        // breadth first, as the loader orders a library's local scope
        Deque<Loaded> queue = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        for (String name : plugin.needed()) {
            Optional<Path> file = search.find(name, plugin, origin, extra);
            needed.put(name, file);
            seen.add(name);
            if (file.isEmpty()) {
                missing.add(name + " (needed by " + pluginFile.getFileName() + ")");
            } else {
                queue.add(new Loaded(name, file.get()));
            }
        }
        while (!queue.isEmpty()) {
            Loaded loaded = queue.poll();
            ElfFile library = ElfFile.read(loaded.file());
            defineFrom(library, wanted);
            for (String name : library.needed()) {
                if (seen.add(name)) {
                    Optional<Path> file = search.find(name, library, loaded.file().getParent(), extra);
                    if (file.isEmpty()) {
                        missing.add(name + " (needed by " + loaded.name() + ")");
                    } else {
                        queue.add(new Loaded(name, file.get()));
                    }
                }
            }
        }
        return new Result(List.copyOf(wanted), List.copyOf(missing), needed);
    }

    private record Loaded(String name, Path file) {
    }

    /** Takes from {@code wanted} what {@code library} exports. */
    private static void defineFrom(ElfFile library, Set<String> wanted) throws IOException {
        if (wanted.isEmpty()) {
            return;
        }
        for (DynamicSymbol symbol : library.dynamicSymbols()) {
            if (symbol.exported()) {
                wanted.remove(symbol.name());
            }
        }
    }
}
