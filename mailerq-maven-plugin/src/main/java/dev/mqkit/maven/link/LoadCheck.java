package dev.mqkit.maven.link;

import dev.mqkit.api.MailerqRelease;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether MailerQ could load a plugin, as far as its libraries go: every undefined symbol resolved (see
 * {@link SymbolResolution}), every needed library found. Each problem names the symbols, the library that likely
 * defines them and how to link it.
 */
public final class LoadCheck {

    private static final Pattern JSON_C = Pattern.compile("(json|lh|array_list|printbuf)_.*");
    private static final Pattern FASTJSON = Pattern.compile("fjson_.*");

    private final SymbolResolution resolution;
    private final LikelyLibrary likely;
    private final MailerqRelease release;

    public LoadCheck(LibrarySearch search, PkgConfig pkgConfig, MailerqRelease release, Set<String> hostFunctions) {
        this.release = release;
        this.likely = new LikelyLibrary(search, pkgConfig);
        // what MailerQ links, so plugins may call it without linking it: json-c until 4.4, libfastjson from 5.0
        this.resolution = release.fastjson()
                ? new SymbolResolution(search, hostFunctions, List.of("libfastjson.so.4"), FASTJSON.asMatchPredicate())
                : new SymbolResolution(search, hostFunctions, List.of("libjson-c.so.5", "libjson-c.so.4"),
                        JSON_C.asMatchPredicate());
    }

    /** The resolution of {@code plugin}, which {@link #problems} explains. */
    public SymbolResolution.Result resolve(Path plugin, List<Path> extra) throws IOException {
        return resolution.resolve(plugin, plugin.toAbsolutePath().getParent(), extra);
    }

    /** What keeps MailerQ from loading {@code file}: empty when nothing does. */
    public List<String> problems(String file, SymbolResolution.Result result) {
        List<String> problems = new ArrayList<>();
        for (String library : result.missingLibraries()) {
            problems.add(file + " needs " + library + ", which this machine's loader does not find, so MailerQ "
                    + "would refuse to load it: install the library, or link the plugin with one that is installed");
        }
        Map<String, List<String>> byLibrary = new LinkedHashMap<>();
        for (String symbol : result.unresolved()) {
            byLibrary.computeIfAbsent(likely.of(symbol).orElse(""), library -> new ArrayList<>()).add(symbol);
        }
        byLibrary.forEach((library, symbols) -> {
            String what = file + " calls " + String.join(", ", symbols) + ", which neither MailerQ " + release
                    + " nor a library the plugin is linked with defines, so MailerQ would refuse to load it "
                    + "(undefined symbol)";
            problems.add(library.isEmpty()
                    ? what + ": no library of this machine defines " + (symbols.size() == 1 ? "it" : "them")
                    + "; link the library that does, with <pkgConfig> or <libraries>"
                    : what + ": " + (symbols.size() == 1 ? "it is" : "they are") + " " + library
                    + "'s; link it with " + likely.fix(library));
        });
        return problems;
    }
}
