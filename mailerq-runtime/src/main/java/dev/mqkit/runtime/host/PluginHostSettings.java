package dev.mqkit.runtime.host;

import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.config.RuntimeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to start a {@link PluginHost}.
 *
 * @param pluginDirectory where the *.so plugins are (MailerQ's plugin-directory); null for none
 * @param workers         how many worker threads (event loops), each with its own MQ_Context
 * @param handBackTimeout how long start-up and shutdown wait for plugins to hand control back
 *                        before they report the calls still waiting
 * @param observer        sees every hook call and hand-back
 * @param release         the MailerQ release played, whose API the plugins must be built for
 * @param apiVersion      what mq_version() must return: the release's MQ_API_VERSION in the plugin API
 *                        model (the toolkit's mailerq.h), or that of the real mailerq.h the plugins were
 *                        built against
 */
public record PluginHostSettings(Path pluginDirectory, int workers, Duration handBackTimeout, HookObserver observer,
        MailerqRelease release, int apiVersion) {

    /** Plugins that return the release's MQ_API_VERSION of the toolkit's mailerq.h. */
    public PluginHostSettings(Path pluginDirectory, int workers, Duration handBackTimeout, HookObserver observer,
            MailerqRelease release) {
        this(pluginDirectory, workers, handBackTimeout, observer, release, release.apiVersion());
    }

    public PluginHostSettings {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, not " + workers);
        }
        Objects.requireNonNull(handBackTimeout, "handBackTimeout");
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(release, "release");
    }

    /**
     * What the plugin host takes from the configuration: plugin-directory, workers, plugin-timeout,
     * mailerq-version and plugin-api-version.
     */
    public static PluginHostSettings from(RuntimeConfig config, HookObserver observer) {
        return new PluginHostSettings(config.pluginDirectory().orElse(null), config.workers(), config.pluginTimeout(),
                observer, config.mailerqVersion(), config.pluginApiVersion());
    }

    /** Plugins from a directory; the rest at the configuration's defaults (workers, plugin-timeout, the release). */
    public static PluginHostSettings of(Path pluginDirectory) {
        RuntimeConfig defaults = RuntimeConfig.defaults();
        return new PluginHostSettings(pluginDirectory, defaults.workers(), defaults.pluginTimeout(), HookObserver.NONE,
                defaults.mailerqVersion());
    }

    public PluginHostSettings withWorkers(int workers) {
        return new PluginHostSettings(pluginDirectory, workers, handBackTimeout, observer, release, apiVersion);
    }

    public PluginHostSettings withHandBackTimeout(Duration handBackTimeout) {
        return new PluginHostSettings(pluginDirectory, workers, handBackTimeout, observer, release, apiVersion);
    }

    public PluginHostSettings withObserver(HookObserver observer) {
        return new PluginHostSettings(pluginDirectory, workers, handBackTimeout, observer, release, apiVersion);
    }

    /** The release, with its MQ_API_VERSION of the toolkit's mailerq.h. */
    public PluginHostSettings withRelease(MailerqRelease release) {
        return new PluginHostSettings(pluginDirectory, workers, handBackTimeout, observer, release, release.apiVersion());
    }

    public PluginHostSettings withApiVersion(int apiVersion) {
        return new PluginHostSettings(pluginDirectory, workers, handBackTimeout, observer, release, apiVersion);
    }
}
