package dev.mqkit.api.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The local email addresses of the runtime's {@code local-addresses} key: mail for them goes to the
 * local queue and needs no login. MailerQ 5.13 keeps this list in its database with entries of four
 * kinds; 3.0 keeps it in the management console; neither has a config key, so the key is the
 * runtime's own and its entries are 5.13's kinds, separated by {@code ;}:
 *
 * <ul>
 *   <li>{@code exact:postmaster@example.com}: that address;</li>
 *   <li>{@code fnmatch:*@local.example}: a shell pattern ({@code *}, {@code ?}, {@code [...]}) over the
 *       whole address;</li>
 *   <li>{@code substr:@internal.}: addresses that contain the text;</li>
 *   <li>{@code regex:^(abuse|postmaster)@}: addresses in which the Java regular expression finds a
 *       match (anchor it for a whole-address match).</li>
 * </ul>
 *
 * An entry without a kind is {@code exact}. Every kind ignores case, as mail systems treat
 * addresses (the docs do not say how MailerQ compares them).
 */
public final class LocalAddresses {
    /** No local addresses: what an empty value means. */
    public static final LocalAddresses NONE = new LocalAddresses(List.of(), "");

    private final List<Predicate<String>> entries;
    private final String text;

    private LocalAddresses(List<Predicate<String>> entries, String text) {
        this.entries = List.copyOf(entries);
        this.text = text;
    }

    /**
     * Reads the list; empty text is {@link #NONE}.
     *
     * @throws IllegalArgumentException naming the entry whose kind is unknown or whose pattern is bad
     */
    public static LocalAddresses parse(String text) {
        List<Predicate<String>> entries = new ArrayList<>();
        for (String part : text.split(";")) {
            String entry = part.strip();
            if (!entry.isEmpty()) {
                entries.add(entry(entry));
            }
        }
        return entries.isEmpty() ? NONE : new LocalAddresses(entries, text.strip());
    }

    private static Predicate<String> entry(String entry) {
        int colon = entry.indexOf(':');
        String kind = colon < 0 ? "exact" : entry.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = colon < 0 ? entry : entry.substring(colon + 1).strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty entry '" + entry + "': write KIND:VALUE, e.g. exact:postmaster@example.com");
        }
        String lower = value.toLowerCase(Locale.ROOT);
        try {
            return switch (kind) {
                case "exact" -> address -> address.toLowerCase(Locale.ROOT).equals(lower);
                case "substr" -> address -> address.toLowerCase(Locale.ROOT).contains(lower);
                case "fnmatch" -> Pattern.compile(fnmatchRegex(value), Pattern.CASE_INSENSITIVE).asMatchPredicate();
                case "regex" -> Pattern.compile(value, Pattern.CASE_INSENSITIVE).asPredicate();
                default -> throw new IllegalArgumentException("unknown kind '" + kind + "' in '" + entry
                        + "': use exact:, fnmatch:, substr: or regex:");
            };
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("bad pattern in '" + entry + "': " + e.getDescription());
        }
    }

    /** The shell pattern as a regular expression: {@code *}, {@code ?} and {@code [...]} (with {@code !} or {@code ^}). */
    private static String fnmatchRegex(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            int close = c == '[' ? pattern.indexOf(']', i + 2) : -1;
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else if (close > 0) {
                String set = pattern.substring(i + 1, close);
                boolean negated = set.startsWith("!") || set.startsWith("^");
                regex.append(negated ? "[^" : "[").append(set.substring(negated ? 1 : 0).replace("\\", "\\\\")
                        .replace("[", "\\[")).append(']');
                i = close;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }

    /** Whether {@code address} is local. */
    public boolean contains(String address) {
        for (Predicate<String> entry : entries) {
            if (entry.test(address)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the list has no entry. */
    public boolean none() {
        return entries.isEmpty();
    }

    @Override
    public String toString() {
        return text;
    }
}
