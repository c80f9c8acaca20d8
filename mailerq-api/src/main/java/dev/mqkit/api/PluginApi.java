package dev.mqkit.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mqkit.api.MailerqRelease.Generation;
import dev.mqkit.api.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The MailerQ plugin API of every release this toolkit knows: the releases with their generation and
 * MQ_API_VERSION, the hooks with their shapes per generation, the host functions with the release each came
 * in and the names later releases gave it (4.0 renamed most). Read from {@value #RESOURCE}, the one place
 * these facts are written; mailerq.h declares the same with the signatures, and a test holds the two
 * together. The runtime's loader and hook dispatch, the Maven plugin's check and their messages all ask it.
 */
public final class PluginApi {

    /** The model's file, next to this class. */
    public static final String RESOURCE = "plugin-api.json";

    /** The one a build reads, made when first asked for. */
    private static final class Bundled {
        static final PluginApi API = read(PluginApi.class.getResourceAsStream(RESOURCE), RESOURCE);
    }

    /** A hook: its name, the release it came in and what each generation passes it. */
    private record Hook(String name, MailerqRelease since, Map<Generation, HookShape> shapes) {
    }

    /** A host function: its names, each under the release that gave it; the first is the release it came in. */
    public record Function(NavigableMap<MailerqRelease, String> names) {

        /** The release it came in. */
        public MailerqRelease since() {
            return names.firstKey();
        }

        /** Its name in {@code release}, when that release has it. */
        public Optional<String> nameIn(MailerqRelease release) {
            return Optional.ofNullable(names.floorEntry(release)).map(Map.Entry::getValue);
        }

        /** The release that replaced {@code name} with another, when one did. */
        public Optional<MailerqRelease> renamedAfter(String name) {
            return names.entrySet().stream().filter(e -> e.getValue().equals(name)).findFirst()
                    .map(e -> names.higherKey(e.getKey()));
        }
    }

    private final Map<Generation, String> generations;
    private final List<Hook> hooks;
    private final List<Function> functions;
    private final NavigableMap<MailerqRelease, ReleaseApi> releases;

    private PluginApi(Map<Generation, String> generations, Map<MailerqRelease, Generation> releaseGenerations,
            Map<MailerqRelease, JsonNode> releaseFacts, List<Hook> hooks, List<Function> functions) {
        this.generations = generations;
        this.hooks = hooks;
        this.functions = functions;
        NavigableMap<MailerqRelease, ReleaseApi> byRelease = new TreeMap<>();
        releaseGenerations.forEach((release, generation) -> {
            JsonNode facts = releaseFacts.get(release);
            byRelease.put(release, new ReleaseApi(this, release, generation, facts.path("apiVersion").asInt(),
                    "libfastjson".equals(facts.path("json").asText()), hooksOf(release, generation),
                    functionsOf(release)));
        });
        this.releases = Collections.unmodifiableNavigableMap(byRelease);
    }

    /** The model this toolkit was built with. */
    public static PluginApi bundled() {
        return Bundled.API;
    }

    /**
     * A model in the format of {@value #RESOURCE}: JSON with comments, as described at its top.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static PluginApi read(InputStream json, String source) {
        JsonNode root;
        try (InputStream in = json) {
            if (in == null) {
                throw new IllegalStateException(source + " is missing from the class path of mailerq-api");
            }
            root = Json.MAPPER.reader().with(JsonParser.Feature.ALLOW_COMMENTS).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
        Map<Generation, String> generations = new EnumMap<>(Generation.class);
        root.path("generations").fields().forEachRemaining(e -> generations.put(Generation.valueOf(e.getKey()),
                e.getValue().asText()));
        Map<MailerqRelease, Generation> releaseGenerations = new TreeMap<>();
        Map<MailerqRelease, JsonNode> releaseFacts = new TreeMap<>();
        for (JsonNode release : root.path("releases")) {
            MailerqRelease named = MailerqRelease.of(release.path("release").asText());
            releaseGenerations.put(named, Generation.valueOf(release.path("generation").asText()));
            releaseFacts.put(named, release);
        }
        List<Hook> hooks = new ArrayList<>();
        for (JsonNode hook : root.path("hooks")) {
            Map<Generation, HookShape> shapes = new EnumMap<>(Generation.class);
            hook.path("shapes").fields().forEachRemaining(e -> shapes.put(Generation.valueOf(e.getKey()),
                    HookShape.valueOf(e.getValue().asText())));
            hooks.add(new Hook(hook.path("name").asText(), MailerqRelease.of(hook.path("since").asText()),
                    Collections.unmodifiableMap(shapes)));
        }
        List<Function> functions = new ArrayList<>();
        for (JsonNode function : root.path("functions")) {
            NavigableMap<MailerqRelease, String> names = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = function.path("names").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> name = it.next();
                names.put(MailerqRelease.of(name.getKey()), name.getValue().asText());
            }
            if (names.isEmpty()) {
                throw new IllegalArgumentException(source + ": a function without names: " + function);
            }
            functions.add(new Function(Collections.unmodifiableNavigableMap(names)));
        }
        if (releaseGenerations.isEmpty()) {
            throw new IllegalArgumentException(source + " names no release");
        }
        return new PluginApi(generations, releaseGenerations, releaseFacts, List.copyOf(hooks),
                List.copyOf(functions));
    }

    private Map<String, HookShape> hooksOf(MailerqRelease release, Generation generation) {
        Map<String, HookShape> of = new LinkedHashMap<>();
        hooks.stream().filter(hook -> release.compareTo(hook.since()) >= 0)
                .forEach(hook -> of.put(hook.name(), hook.shapes().get(generation)));
        return of;
    }

    private Map<String, String> functionsOf(MailerqRelease release) {
        Map<String, String> names = new LinkedHashMap<>();
        for (Function function : functions) {
            function.nameIn(release).ifPresent(name -> function.names().values().forEach(any -> names.put(any, name)));
        }
        return names;
    }

    /** Every release, oldest first. */
    public List<MailerqRelease> releases() {
        return List.copyOf(releases.keySet());
    }

    /** The newest release: what a project is pointed at unless it says otherwise. */
    public MailerqRelease newest() {
        return releases.lastKey();
    }

    /** The first release of a generation: 4.0 for the Connection one. */
    public MailerqRelease first(Generation generation) {
        return releases.values().stream().filter(api -> api.generation() == generation)
                .map(ReleaseApi::release).findFirst().orElseThrow();
    }

    /** The newest release of a generation: what a project of that generation is pointed at. */
    public MailerqRelease newest(Generation generation) {
        return releases.descendingMap().values().stream().filter(api -> api.generation() == generation)
                .map(ReleaseApi::release).findFirst().orElseThrow();
    }

    /**
     * The release written as "5.13", "3.0" or "5.6.5" ("5.13.0" too).
     *
     * @throws IllegalArgumentException naming the known releases
     */
    public MailerqRelease parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        for (MailerqRelease release : releases.keySet()) {
            if (release.toString().equals(trimmed) || (release.patch() == 0 && trimmed.equals(release + ".0"))) {
                return release;
            }
        }
        throw new IllegalArgumentException("'" + trimmed + "' is not a MailerQ release this toolkit knows: "
                + knownList());
    }

    /** The known releases, comma-separated, for messages. */
    public String knownList() {
        return releases.keySet().stream().map(MailerqRelease::toString).collect(Collectors.joining(", "));
    }

    /**
     * The API of a known release.
     *
     * @throws IllegalArgumentException for a release this model does not know
     */
    public ReleaseApi of(MailerqRelease release) {
        ReleaseApi api = releases.get(release);
        if (api == null) {
            throw new IllegalArgumentException("'" + release + "' is not a MailerQ release this toolkit knows: "
                    + knownList());
        }
        return api;
    }

    /** The releases of a generation as people write them: "2.1/3.x", "4.0-5.13". */
    public String releasesOf(Generation generation) {
        return generations.getOrDefault(generation, generation.name());
    }

    /** The host function called {@code name} in some release. */
    public Optional<Function> function(String name) {
        return functions.stream().filter(function -> function.names().containsValue(name)).findFirst();
    }

    /** The first release that declares a hook or a function of this name. */
    public Optional<MailerqRelease> firstRelease(String name) {
        return releases.values().stream().filter(api -> api.has(name)).map(ReleaseApi::release).findFirst();
    }

    /** The generation whose releases alone declare a hook or function of this name. */
    public Optional<Generation> onlyIn(String name) {
        List<Generation> in = releases.values().stream().filter(api -> api.has(name)).map(ReleaseApi::generation)
                .distinct().toList();
        return in.size() == 1 ? Optional.of(in.get(0)) : Optional.empty();
    }

    /**
     * The release that brought a function of {@code release}'s generation, when it is later than
     * {@code release} (MQ_log, 5.6.5, for 5.0); empty when {@code release} has it, or it is of the other
     * generation, or no release has it.
     */
    public Optional<MailerqRelease> laterReleaseOf(String name, MailerqRelease release) {
        return firstRelease(name).filter(since -> since.compareTo(release) > 0)
                .filter(since -> onlyIn(name).equals(Optional.of(of(release).generation())));
    }
}
