package dev.mqkit.maven.link;

import dev.mqkit.api.elf.DynamicSymbol;
import dev.mqkit.api.elf.ElfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which library of this machine likely defines a symbol, and how a plugin links it: looked up in the libraries of
 * the loader's cache whose name the symbol's prefix suggests ({@code curl_easy_init}: {@code libcurl}), then in a
 * few whose prefix says nothing ({@code SSL_}: {@code libssl}), then in all of them.
 */
public final class LikelyLibrary {

    /** Prefixes whose library is not named after them. */
    private static final Map<String, String> PREFIXES = Map.ofEntries(
            Map.entry("SSL", "libssl"), Map.entry("TLS", "libssl"), Map.entry("EVP", "libcrypto"),
            Map.entry("CRYPTO", "libcrypto"), Map.entry("BIO", "libcrypto"), Map.entry("ERR", "libcrypto"),
            Map.entry("X509", "libcrypto"), Map.entry("RAND", "libcrypto"), Map.entry("gnutls", "libgnutls"),
            Map.entry("deflate", "libz"), Map.entry("inflate", "libz"), Map.entry("compress", "libz"),
            Map.entry("PQ", "libpq"), Map.entry("mysql", "libmysqlclient"), Map.entry("pcre2", "libpcre2-8"),
            Map.entry("xml", "libxml2"), Map.entry("ev", "libev"), Map.entry("event", "libevent"));

    /** Larger files are skipped in the search of every library: none a plugin links by accident is that big. */
    private static final long LARGEST = 32L << 20;

    private final LibrarySearch search;
    private final PkgConfig pkgConfig;

    public LikelyLibrary(LibrarySearch search, PkgConfig pkgConfig) {
        this.search = search;
        this.pkgConfig = pkgConfig;
    }

    /** The name the library is needed by (its SONAME, e.g. {@code libcurl.so.4}) of one that exports {@code symbol}. */
    public Optional<String> of(String symbol) {
        String word = symbol.replaceFirst("^_+", "").split("_", 2)[0];
        String suggested = PREFIXES.getOrDefault(word, "lib" + word.toLowerCase(Locale.ROOT));
        List<Path> libraries = search.cachedLibraries();
        List<Path> named = new ArrayList<>(libraries.stream()
                .filter(file -> file.getFileName().toString().startsWith(suggested)).toList());
        // libcurl.so.4 before libcurl-gnutls.so.4
        named.sort(Comparator.comparing(file -> !file.getFileName().toString().startsWith(suggested + ".so")));
        Optional<String> found = firstExporting(named, symbol);
        if (found.isPresent()) {
            return found;
        }
        return firstExporting(libraries.stream().filter(file -> !named.contains(file)).toList(), symbol);
    }

    /**
     * How to link {@code library} ({@code libcurl.so.4}): by its pkg-config module when pkg-config knows one,
     * else by name in {@code <libraries>}.
     */
    public String fix(String library) {
        String name = library.replaceFirst("^lib", "").replaceFirst("\\.so(\\..*)?$", "");
        for (String module : List.of("lib" + name, name)) {
            if (pkgConfig.knows(module)) {
                return "<pkgConfig><module>" + module + "</module></pkgConfig>";
            }
        }
        return "<libraries><library>" + name + "</library></libraries> (its development package brings lib"
                + name + ".so and its headers)";
    }

    private static Optional<String> firstExporting(List<Path> libraries, String symbol) {
        for (Path file : libraries) {
            try {
                if (Files.size(file) > LARGEST) {
                    continue;
                }
                ElfFile library = ElfFile.read(file);
                for (DynamicSymbol defined : library.dynamicSymbols()) {
                    if (defined.exported() && defined.name().equals(symbol)) {
                        String soname = library.soname();
                        return Optional.of(soname != null ? soname : file.getFileName().toString());
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not a library this machine's loader could use: look on
            }
        }
        return Optional.empty();
    }
}
