package dev.mqkit.harness.sanitize;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The sanitizers of one run, as {@code -Dmailerq.sanitize=address,undefined} lists them. {@code address}
 * checks for leaks too (AddressSanitizer includes LeakSanitizer), so {@code leak} beside it is dropped.
 */
public record Sanitizers(Set<Sanitizer> set) {

    public Sanitizers {
        set = Collections.unmodifiableSet(set.isEmpty() ? EnumSet.noneOf(Sanitizer.class) : EnumSet.copyOf(set));
    }

    /** None: a plain run. */
    public static Sanitizers none() {
        return new Sanitizers(Set.of());
    }

    /**
     * Reads a comma-separated list such as {@code address,undefined}; blank means none.
     *
     * @throws IllegalArgumentException naming the word that is not a sanitizer
     */
    public static Sanitizers parse(String list) {
        EnumSet<Sanitizer> set = EnumSet.noneOf(Sanitizer.class);
        if (list != null) {
            for (String name : list.split(",")) {
                if (!name.isBlank()) {
                    set.add(Sanitizer.named(name));
                }
            }
        }
        if (set.contains(Sanitizer.ADDRESS)) {
            set.remove(Sanitizer.LEAK);
        }
        return new Sanitizers(set);
    }

    public boolean isEmpty() {
        return set.isEmpty();
    }

    public boolean has(Sanitizer sanitizer) {
        return set.contains(sanitizer);
    }

    /** Whether LeakSanitizer runs: with address or leak. */
    public boolean checksLeaks() {
        return has(Sanitizer.ADDRESS) || has(Sanitizer.LEAK);
    }

    /** The list as {@code -fsanitize=} takes it, e.g. {@code address,undefined}. */
    public String flagValue() {
        return set.stream().map(Sanitizer::flagName).collect(Collectors.joining(","));
    }

    /** The tools that run, e.g. {@code AddressSanitizer, LeakSanitizer, UndefinedBehaviorSanitizer}. */
    public String tools() {
        EnumSet<Sanitizer> tools = set.isEmpty() ? EnumSet.noneOf(Sanitizer.class) : EnumSet.copyOf(set);
        if (checksLeaks()) {
            tools.add(Sanitizer.LEAK);
        }
        return tools.stream().map(Sanitizer::tool).sorted().collect(Collectors.joining(", "));
    }

    /**
     * What a sanitized build compiles with, after the defaults and before the user's own flags:
     * {@code -fsanitize=} with the list, no recovery from UndefinedBehaviorSanitizer's errors (it stops at the
     * first), frame pointers and {@code -O1} for whole stacks and exact lines. With address, UBSan's
     * object-size check is left to AddressSanitizer, which tells more about the block.
     */
    public List<String> compileFlags() {
        List<String> flags = new ArrayList<>(linkFlags());
        if (has(Sanitizer.UNDEFINED)) {
            flags.add("-fno-sanitize-recover=undefined");
            if (has(Sanitizer.ADDRESS)) {
                flags.add("-fno-sanitize=object-size");
            }
        }
        flags.addAll(List.of("-O1", "-fno-omit-frame-pointer", "-fno-optimize-sibling-calls"));
        return flags;
    }

    /** What a sanitized build links with: {@code -fsanitize=} with the list. */
    public List<String> linkFlags() {
        return isEmpty() ? List.of() : List.of("-fsanitize=" + flagValue());
    }

    @Override
    public String toString() {
        return flagValue();
    }
}
