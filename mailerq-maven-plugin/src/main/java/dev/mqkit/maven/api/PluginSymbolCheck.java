package dev.mqkit.maven.api;

import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.MailerqRelease.Generation;
import dev.mqkit.api.elf.DynamicSymbol;
import dev.mqkit.api.PluginApi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses, from a plugin's dynamic symbols, what MailerQ would refuse or
 * silently ignore when it loads the plugin. Every problem names the symbol
 * and the fix.
 */
public final class PluginSymbolCheck {

    private static final Pattern FREE_FUNCTION = Pattern.compile("_Z(\\d{1,4})");

    private final MailerqApi api;
    private final PluginApi model;

    /** Checks against {@code api}, explaining names of other releases from the plugin API {@code model}. */
    public PluginSymbolCheck(MailerqApi api, PluginApi model) {
        this.api = api;
        this.model = model;
    }

    /** What the check found in one plugin. */
    public record Result(List<String> hooks, List<String> problems) {
        public boolean passed() {
            return problems.isEmpty();
        }
    }

    /** Checks the loader's view only (a stripped plugin). */
    public Result check(String file, List<DynamicSymbol> symbols) {
        return check(file, symbols, List.of());
    }

    /**
     * Checks the dynamic symbols and, when the plugin is not stripped, also
     * finds hooks that are defined but not exported (MQ_EXPORT forgotten, or
     * a C++-mangled name), which the linker's version script hides.
     */
    public Result check(String file, List<DynamicSymbol> symbols, List<DynamicSymbol> staticSymbols) {
        List<String> hooks = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> otherGeneration = new ArrayList<>();
        for (DynamicSymbol symbol : symbols) {
            String name = symbol.name();
            if (symbol.exported()) {
                if (api.hooks().contains(name)) {
                    hooks.add(name);
                } else if (name.startsWith("mq_")) {
                    otherGeneration(name, otherGeneration);
                    problems.add(whyNotIn(name)
                            .map(why -> file + ": " + why + ", so MailerQ " + api.release() + " would never call it")
                            .orElse(file + " exports " + name + ", which is not a hook of the MailerQ "
                                    + api.release() + " API, so MailerQ would never call it: did you mean "
                                    + NearestName.in(api.hooks(), name) + "?"));
                } else {
                    mangled(name, "mq_").ifPresent(hook -> problems.add(file + " exports " + hook
                            + " with a C++-mangled name (" + name + "), so MailerQ cannot find it: declare it with "
                            + "MQ_EXPORT from mailerq.h (it adds extern \"C\")"));
                }
            } else if (symbol.undefined()) {
                if (name.startsWith("MQ_") && !api.functions().contains(name)) {
                    otherGeneration(name, otherGeneration);
                    problems.add(whyNotIn(name)
                            .map(why -> file + " calls " + why + ". MailerQ " + api.release()
                                    + " would fail to load the plugin with an undefined symbol")
                            .orElse(file + " calls " + name + ", which the MailerQ " + api.release()
                                    + " API does not have: MailerQ would fail to load the plugin with an undefined "
                                    + "symbol. Did you mean " + NearestName.in(api.functions(), name) + "?"));
                } else {
                    mangled(name, "MQ_").ifPresent(function -> problems.add(file + " calls " + function
                            + " with a C++-mangled name (" + name + "), which MailerQ does not define: include "
                            + "mailerq.h instead of declaring " + function + " yourself"));
                }
            }
        }
        Set<String> reported = new HashSet<>();
        for (DynamicSymbol symbol : staticSymbols) {
            String name = symbol.name();
            // name.cold, name.part.0: pieces of a function the compiler split off, reported with the function
            if (!symbol.defined() || symbol.type() != DynamicSymbol.STT_FUNC || hooks.contains(name)
                    || name.contains(".") || !reported.add(name)) {
                continue;
            }
            if (api.hooks().contains(name)) {
                problems.add(file + " defines " + name + " but does not export it, so MailerQ never calls it: "
                        + "mark its definition MQ_EXPORT");
            } else {
                mangled(name, "mq_").filter(api.hooks()::contains).ifPresent(hook -> problems.add(file
                        + " defines " + hook + " with a C++-mangled name (" + name + "), so MailerQ cannot find "
                        + "it: declare it with MQ_EXPORT from mailerq.h (it adds extern \"C\") and match the "
                        + "header's signature"));
            }
        }
        if (!hooks.contains("mq_version")) {
            problems.add(0, file + " does not export mq_version, so MailerQ refuses to load it: add "
                    + "'MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }'");
        }
        if (!otherGeneration.isEmpty()) {
            MailerqRelease target = api.release();
            Generation generation = model.of(target).generation();
            boolean old = generation == Generation.CONNECTION;
            Generation other = old ? Generation.SMTP_CONNECTION : Generation.CONNECTION;
            // "the 4.0 names" when they replaced the old ones, "the 2.1/3.x names" going back
            String names = old ? model.first(generation).toString() : model.releasesOf(generation);
            problems.add(file + " looks like a plugin for the MailerQ " + model.releasesOf(other) + " API (it uses "
                    + String.join(", ", otherGeneration) + "), while this build targets MailerQ " + target + " ("
                    + model.releasesOf(generation) + "): set <mailerqVersion>" + model.newest(other)
                    + "</mailerqVersion>, or port it to the " + names + " names");
        }
        // header order, whatever order the linker wrote: stable in logs and descriptors
        List<String> inHeaderOrder = api.hooks().stream().filter(hooks::contains).toList();
        return new Result(inHeaderOrder, List.copyOf(problems));
    }

    /**
     * Why a name the plugin uses is not in the target's API, when another release has it: "MQ_SmtpSend
     * is not in the MailerQ 5.13 API: it became MQ_send in 4.0".
     */
    private Optional<String> whyNotIn(String name) {
        MailerqRelease target = api.release();
        Optional<MailerqRelease> first = model.firstRelease(name);
        if (first.isEmpty()) {
            return Optional.empty();
        }
        MailerqRelease since = first.get();
        String missing = name + " is not in the MailerQ " + target + " API: ";
        Optional<PluginApi.Function> function = model.function(name);
        Optional<String> current = function.flatMap(f -> f.nameIn(target));
        if (since.compareTo(target) > 0) {
            return Optional.of(missing + current.map(c -> "it is the " + since + " name of " + c + ", which " + target
                    + " has").orElse("it came in " + since + "; target " + since + " or later (<mailerqVersion>)"));
        }
        // an older name of a function the target has by another (the header may lack what the model's release has)
        Optional<MailerqRelease> renamed = function.flatMap(f -> f.renamedAfter(name));
        if (current.isEmpty() || renamed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(missing + "it became " + current.get() + " in " + renamed.get());
    }

    /** Notes {@code name} when it belongs only to the generation that the target is not of. */
    private void otherGeneration(String name, List<String> names) {
        Generation target = model.of(api.release()).generation();
        model.onlyIn(name).filter(generation -> generation != target)
                .ifPresent(generation -> names.add(name));
    }

    /**
     * The name of a free function in an Itanium C++ mangled name
     * ({@code _Z<length><name><parameters>}) when it starts with {@code prefix}.
     * Only the function's own name counts: {@code _Z6helperP10MQ_Context} is
     * helper(MQ_Context *), not a call of an MQ_ function.
     */
    private Optional<String> mangled(String symbol, String prefix) {
        Matcher m = FREE_FUNCTION.matcher(symbol);
        if (!m.lookingAt()) {
            return Optional.empty();
        }
        int length = Integer.parseInt(m.group(1));
        int end = m.end() + length;
        if (end > symbol.length()) {
            return Optional.empty();
        }
        String name = symbol.substring(m.end(), end);
        return name.startsWith(prefix) ? Optional.of(name) : Optional.empty();
    }
}
