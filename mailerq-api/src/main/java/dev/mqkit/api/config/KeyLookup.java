package dev.mqkit.api.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a key written in a config file, an environment variable or on the command line means for the played
 * release's {@link KeyNaming}: a runtime key, a MailerQ key the runtime accepts and ignores, or an error that
 * names what was meant.
 *
 * <p>A runtime key works under every name {@link ConfigKey} gives it, in every release, except a name that
 * 5.13 renamed one to one: that one works in its own release only, and the other release reaches the key under
 * its own name (smtp-privatekey in 3.0, smtp-key in 5.13). Where ConfigKey has both names of a rename
 * (smtp-ranges, smtp-range), both work in both.
 */
public final class KeyLookup {
    private static final int MOST_EDITS_FOR_A_SUGGESTION = 2;

    private KeyLookup() {}

    /** A name's meaning: the runtime key, or none for a MailerQ key that the runtime ignores. */
    public record Meaning(String name, ConfigKey key) {
        public boolean ignored() {
            return key == null;
        }
    }

    /**
     * The meaning of {@code name} under {@code naming}.
     *
     * @throws IllegalArgumentException saying what is wrong and what to write instead; the caller adds where
     */
    public static Meaning resolve(String name, KeyNaming naming) {
        Optional<ConfigKey> direct = ConfigKey.byName(name);
        KeyNaming other = naming.other();
        List<KeyNaming.Rename> otherReleases = other.renamesOf(name);
        if (!otherReleases.isEmpty()) {
            Optional<String> ours = other.oneToOne(name);
            if (ours.isPresent()) {
                if (direct.isPresent() && ConfigKey.byName(ours.get()).equals(direct)) {
                    return new Meaning(name, direct.get());
                }
                throw new IllegalArgumentException(name + " is the " + other.label() + " name; " + naming.label()
                        + " calls it " + ours.get());
            }
            if (direct.isEmpty()) {
                String instead = otherReleases.stream().map(rename -> rename.in(naming)).distinct()
                        .collect(Collectors.joining(", "));
                throw new IllegalArgumentException(name + " is a " + other.label() + " key; " + naming.label()
                        + " has " + instead + " instead");
            }
        }
        if (direct.isPresent()) {
            return new Meaning(name, direct.get());
        }
        Optional<ConfigKey> renamed = naming.oneToOne(name).flatMap(ConfigKey::byName);
        if (renamed.isPresent()) {
            return new Meaning(name, renamed.get());
        }
        if (naming.documents(name)) {
            return new Meaning(name, null);
        }
        if (other.documents(name)) {
            throw new IllegalArgumentException(name + " is a MailerQ " + other.label() + " key that "
                    + naming.label() + " does not have (mailerq-version: " + other.label() + " plays "
                    + other.label() + ")");
        }
        throw new IllegalArgumentException("unknown key '" + name + "'" + suggestion(name, naming)
                + " (see --help for the keys)");
    }

    /** The key for {@code name} in any naming, for code that sets keys by name ({@link RuntimeConfig#with}). */
    static Optional<ConfigKey> anyNaming(String name) {
        Optional<ConfigKey> direct = ConfigKey.byName(name);
        if (direct.isPresent()) {
            return direct;
        }
        for (KeyNaming naming : KeyNaming.values()) {
            Optional<ConfigKey> renamed = naming.oneToOne(name).flatMap(ConfigKey::byName);
            if (renamed.isPresent()) {
                return renamed;
            }
        }
        return Optional.empty();
    }

    /** Whether some naming knows {@code name}: as a runtime key, a documented key or one of an ignored family. */
    static boolean knownInSomeNaming(String name) {
        return anyNaming(name).isPresent() || Arrays.stream(KeyNaming.values()).anyMatch(n -> n.documents(name));
    }

    /** The name {@code key} goes by in {@code naming}: smtp-key for smtp-privatekey in 5.13. */
    public static String nameIn(ConfigKey key, KeyNaming naming) {
        return naming.other().oneToOne(key.key()).orElse(key.key());
    }

    /** The key's other name that works in {@code naming}, if it has one (smtp-ranges beside smtp-range). */
    public static Optional<String> otherNameIn(ConfigKey key, KeyNaming naming) {
        String main = nameIn(key, naming);
        Set<String> names = new LinkedHashSet<>();
        names.add(key.key());
        key.alias().ifPresent(names::add);
        names.remove(main);
        return names.stream().filter(name -> works(name, naming)).findFirst();
    }

    /** The MailerQ keys of {@code naming} that no runtime key stands for: those the runtime accepts and ignores. */
    public static List<String> ignoredIn(KeyNaming naming) {
        List<String> ignored = new ArrayList<>();
        for (String name : naming.documentedKeys()) {
            if (works(name, naming) && resolve(name, naming).ignored()) {
                ignored.add(name);
            }
        }
        return ignored;
    }

    private static boolean works(String name, KeyNaming naming) {
        try {
            resolve(name, naming);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** "; did you mean smtp-port?" for the closest name that works in {@code naming}, or nothing. */
    static String suggestion(String name, KeyNaming naming) {
        Set<String> candidates = new LinkedHashSet<>();
        for (ConfigKey key : ConfigKey.values()) {
            candidates.add(nameIn(key, naming));
            otherNameIn(key, naming).ifPresent(candidates::add);
        }
        candidates.addAll(naming.documentedKeys());
        String best = null;
        int bestDistance = MOST_EDITS_FOR_A_SUGGESTION + 1;
        for (String candidate : candidates) {
            int distance = distance(name, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best == null ? "" : "; did you mean " + best + "?";
    }

    /** Edits (insert, delete, replace, swap of neighbours) from {@code a} to {@code b}. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
