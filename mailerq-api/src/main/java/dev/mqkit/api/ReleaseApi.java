package dev.mqkit.api;

import dev.mqkit.api.MailerqRelease.Generation;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plugin API of one MailerQ release, as {@link PluginApi} describes it: the hooks a plugin may export
 * and the functions the host offers, in header order, what mq_version() must return, and every function
 * by the name this release gives it.
 */
public final class ReleaseApi {

    private final PluginApi model;
    private final MailerqRelease release;
    private final Generation generation;
    private final int apiVersion;
    private final boolean fastjson;
    /** hook → its shape in this release (null for mq_version, mq_initialize and mq_cleanup), in header order */
    private final Map<String, HookShape> hooks;
    /** any name of a function this release has → the name this release gives it */
    private final Map<String, String> names;
    private final List<String> functions;

    ReleaseApi(PluginApi model, MailerqRelease release, Generation generation, int apiVersion, boolean fastjson,
            Map<String, HookShape> hooks, Map<String, String> names) {
        this.model = model;
        this.release = release;
        this.generation = generation;
        this.apiVersion = apiVersion;
        this.fastjson = fastjson;
        this.hooks = hooks;
        this.names = names;
        this.functions = names.values().stream().distinct().toList();
    }

    /** The model of every release this one belongs to: where names of other releases are explained. */
    public PluginApi model() {
        return model;
    }

    public MailerqRelease release() {
        return release;
    }

    public Generation generation() {
        return generation;
    }

    /** MQ_API_VERSION: what mq_version() must return. */
    public int apiVersion() {
        return apiVersion;
    }

    /** Whether MQ_json hands plugins libfastjson objects rather than json-c ones. */
    public boolean fastjson() {
        return fastjson;
    }

    /** The mq_* functions a plugin may export, in header order. */
    public List<String> hooks() {
        return List.copyOf(hooks.keySet());
    }

    /** The MQ_* functions the host offers, in header order. */
    public List<String> functions() {
        return functions;
    }

    /** Whether this release declares a hook or function of this very name. */
    public boolean has(String name) {
        return hooks.containsKey(name) || functions.contains(name);
    }

    /** What a hook of this release receives after its context; empty for a global hook or one it lacks. */
    public Optional<HookShape> shape(String hook) {
        return Optional.ofNullable(hooks.get(hook));
    }

    /**
     * The name this release gives a function known by any of its names: "MQ_complete" for MQ_Complete
     * in 5.13, "MQ_Complete" for MQ_complete in 3.0.
     *
     * @throws IllegalArgumentException when this release has no such function
     */
    public String name(String function) {
        String name = names.get(function);
        if (name == null) {
            throw new IllegalArgumentException(function + " is no function of the MailerQ " + release + " API");
        }
        return name;
    }

    @Override
    public String toString() {
        return "MailerQ " + release + " API";
    }
}
