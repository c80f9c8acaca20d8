package dev.mqkit.runtime.host;

import dev.mqkit.api.Hook;

/**
 * Sees every hook call and hand-back, for traces and test reports. Called on
 * the worker thread (MQ_log lines on any thread); implementations must be
 * quick and must not throw.
 */
public interface HookObserver {

    /**
     * A plugin's hook is about to be called on this worker, as its call {@code call}: the number the worker gave
     * it ({@link Worker#begin}), which names the call on that worker until control is back, also when a hand-back
     * inside a hook runs another call's chain on the same thread. {@code arguments} can
     * {@link HookArguments#describe() describe} what the hook receives; describing costs a copy, so observers
     * that do not need it should not ask.
     */
    default void calling(long call, Plugin plugin, Hook hook, int worker, HookArguments arguments) {}

    /** A plugin was accepted: its mq_version() returned {@link Plugin#version()}; the first event of each. */
    default void loaded(Plugin plugin) {}

    /** A plugin's {@code mq_initialize} or {@code mq_cleanup} ({@code function}) is about to be called. */
    default void callingGlobal(Plugin plugin, String function) {}

    /** A plugin's {@code mq_initialize} or {@code mq_cleanup} returned after {@code nanos}. */
    default void returnedGlobal(Plugin plugin, String function, long nanos) {}

    /** The hook of call {@code call} on this worker returned: {@code tookControl} when it returned true. */
    default void returned(long call, Plugin plugin, Hook hook, int worker, boolean tookControl, long nanos) {}

    /** The plugin of call {@code call} on this worker, which took control, gave it back after {@code waitedNanos}. */
    default void handedBack(long call, Plugin plugin, Hook hook, int worker, HandBack how, long waitedNanos) {}

    /**
     * A plugin wrote {@code bytes} to an incoming SMTP connection with {@code function} (MQ_SmtpSend, MQ_send) during
     * its call of {@code hook} on {@code worker}; hook is null when no call of that plugin on that connection
     * was running or waiting for a hand-back.
     */
    default void sent(Plugin plugin, Hook hook, int worker, String function, byte[] bytes) {}

    /**
     * A line a plugin wrote with MQ_log (5.6.5+), from any thread; {@code source} is the plugin's file
     * name, or the file of the library that called MQ_log when it is not a plugin.
     */
    default void logged(String source, LogPriority priority, String message) {}

    /** A plugin broke a rule of the API; the runtime carried on as the message says. */
    default void violation(Plugin plugin, String message) {}

    HookObserver NONE = new HookObserver() {};
}
