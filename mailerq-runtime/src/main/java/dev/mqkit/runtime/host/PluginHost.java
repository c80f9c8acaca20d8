package dev.mqkit.runtime.host;

import dev.mqkit.api.Hook;
import dev.mqkit.api.MailerqRelease.Generation;
import dev.mqkit.api.HookShape;
import dev.mqkit.api.ReleaseApi;
import io.netty.channel.EventLoop;
import io.netty.channel.IoEventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.util.concurrent.EventExecutor;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The plugin host: loads the plugins as MailerQ does, runs the worker
 * threads (Netty epoll event loops, one MQ_Context each) and runs hooks on
 * them. Start with {@link #start}; {@link #close} stops it as MailerQ stops.
 */
public final class PluginHost implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.mqkit.runtime.host");
    /** What plugins write with MQ_log: MailerQ's application log. */
    private static final System.Logger PLUGIN_LOG = System.getLogger("dev.mqkit.runtime.plugin");

    private final PluginHostSettings settings;
    private final ReleaseApi api;
    /** What each hook receives in the played release, by the hook's ordinal; null for a hook it lacks. */
    private final HookShape[] shapes = new HookShape[Hook.values().length];
    private final int id;
    private final List<Plugin> plugins;
    /** The plugins exporting each hook, in load order, by the hook's ordinal: looked up once per hook run. */
    private final Plugin[][] chains = new Plugin[Hook.values().length][];
    private final Map<Long, NativeConnection> connections = new ConcurrentHashMap<>();
    private final AtomicLong nextConnection = new AtomicLong(1);
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<Worker> workers = new ArrayList<>();
    private final Map<EventLoop, Worker> workersByLoop = new IdentityHashMap<>();
    private final boolean timesHooks;
    private MultiThreadIoEventLoopGroup group;
    private boolean closed;

    private PluginHost(PluginHostSettings settings) {
        this.settings = settings;
        this.api = settings.release().api();
        for (Hook hook : Hook.values()) {
            shapes[hook.ordinal()] = hook.in(api) ? hook.shape(api) : null;
        }
        this.timesHooks = settings.observer() != HookObserver.NONE;
        LibMqHost.load();
        // MailerQ links json-c (until 4.4) or libfastjson (from 5.0), so plugins may call it without
        // linking it: loaded globally before any plugin
        if (LibMqHost.mqhost_json_load(jsonLibrary()) == 0) {
            LOG.log(Level.WARNING, api().fastjson()
                    ? "libfastjson (libfastjson.so.4) is not installed: " + api().name("MQ_Json") + " returns NULL "
                    + "and plugins that use libfastjson cannot load; install it (apt-get install libfastjson4)"
                    : "json-c (libjson-c.so.5) is not installed: " + api().name("MQ_Json") + " returns NULL and "
                    + "plugins that use json-c cannot load; install it (apt-get install libjson-c5)");
        }
        this.id = HostRegistry.register(this);
        try {
            this.plugins = List.copyOf(PluginLoader.load(PluginLoader.pluginFiles(settings.pluginDirectory()),
                    api(), settings.apiVersion()));
        } catch (RuntimeException e) {
            HostRegistry.unregister(id);
            throw e;
        }
        for (Hook hook : Hook.values()) {
            chains[hook.ordinal()] = plugins.stream().filter(plugin -> plugin.exports(hook)).toArray(Plugin[]::new);
        }
        plugins.forEach(settings.observer()::loaded);
    }

    /**
     * Loads the plugins, calls mq_initialize in each, starts the workers and
     * runs mq_context_initialize on every worker before returning.
     *
     * @throws PluginLoadException when MailerQ would refuse a plugin
     * @throws IllegalStateException when a plugin does not hand back control during start-up
     */
    public static PluginHost start(PluginHostSettings settings) {
        Epoll.ensureAvailability();
        PluginHost host = new PluginHost(settings);
        try {
            host.startWorkers();
            return host;
        } catch (RuntimeException e) {
            host.close();
            throw e;
        }
    }

    private void startWorkers() {
        LOG.log(Level.INFO, plugins.isEmpty() ? "no plugins loaded"
                : "MailerQ " + settings.release() + " plugin API; plugins loaded in order: " + plugins.stream().map(Plugin::name).collect(Collectors.joining(", ")));
        plugins.forEach(plugin -> global(plugin, "mq_initialize", plugin::initialize));
        group = new MultiThreadIoEventLoopGroup(settings.workers(), new WorkerThreads(),
                EpollIoHandler.newFactory());
        for (EventExecutor executor : group) {
            Worker worker = new Worker(this, workers.size(), (IoEventLoop) executor);
            workers.add(worker);
            workersByLoop.put((EventLoop) executor, worker);
        }
        List<CompletableFuture<Void>> started = new ArrayList<>();
        for (Worker worker : workers) {
            started.add(worker.run(Hook.CONTEXT_INITIALIZE, HookArguments.none()));
        }
        if (!await(started)) {
            throw new IllegalStateException("start-up stopped: plugins did not hand back control within "
                    + settings.handBackTimeout().toMillis() + " ms:\n  " + describeSuspended());
        }
    }

    int id() {
        return id;
    }

    /** The MailerQ release played. */
    public dev.mqkit.api.MailerqRelease release() {
        return settings.release();
    }

    /** The plugin API generation of the release played. */
    public Generation generation() {
        return api().generation();
    }

    /** The plugin API of the release played: its hooks, and its functions by the names it gives them. */
    public ReleaseApi api() {
        return api;
    }

    /** What a hook receives in the played release. */
    HookShape shape(Hook hook) {
        return shapes[hook.ordinal()];
    }

    /** The JSON library of the release played, as libmqhost numbers it: json-c (0) or libfastjson (1). */
    int jsonLibrary() {
        return api().fastjson() ? 1 : 0;
    }

    /** A call of mq_initialize or mq_cleanup, seen by the observer only when the plugin exports it. */
    private void global(Plugin plugin, String function, Runnable call) {
        if (!plugin.exports(function)) {
            return;
        }
        settings.observer().callingGlobal(plugin, function);
        long started = System.nanoTime();
        call.run();
        settings.observer().returnedGlobal(plugin, function, System.nanoTime() - started);
    }

    HookObserver observer() {
        return settings.observer();
    }

    /** Whether an observer wants to know how long each hook took: otherwise the clock is not read per call. */
    boolean timesHooks() {
        return timesHooks;
    }

    /** The plugins in load order. */
    public List<Plugin> plugins() {
        return plugins;
    }

    /** The workers, each an event loop of {@link #eventLoops()}. */
    public List<Worker> workers() {
        return Collections.unmodifiableList(workers);
    }

    /** The worker threads as a Netty group, for the channels of connections. */
    public MultiThreadIoEventLoopGroup eventLoops() {
        return group;
    }

    /** The worker that runs on this event loop. */
    public Worker worker(EventLoop loop) {
        Worker worker = workersByLoop.get(loop);
        if (worker == null) {
            throw new IllegalArgumentException(loop + " is not a worker of this plugin host");
        }
        return worker;
    }

    Worker worker(int worker) {
        return workers.get(worker);
    }

    Plugin[] chain(Hook hook) {
        return chains[hook.ordinal()];
    }

    /** Whether any plugin exports the hook, so callers can skip work the chain would not need. */
    public boolean exports(Hook hook) {
        return chains[hook.ordinal()].length > 0;
    }

    /** The connection a plugin sees as MQ_SmtpConnection (4.0+: MQ_Connection), served by worker; fd is its real socket. */
    public NativeConnection openConnection(Worker worker, int fd, NativeConnection.Output output) {
        long connection = nextConnection.getAndIncrement();
        NativeConnection opened = new NativeConnection(this, worker, connection, fd, output);
        connections.put(connection, opened);
        return opened;
    }

    /** A connection served by the first worker, for hooks run there: tests and benchmarks. */
    public NativeConnection openConnection(int fd, NativeConnection.Output output) {
        return openConnection(workers.get(0), fd, output);
    }

    void forget(NativeConnection connection) {
        connections.remove(connection.id());
    }

    /** MQ_SmtpSend (MQ_send) by plugin number {@code plugin}: shown to the observer with the hook it was sent in. */
    long send(long connection, int plugin, byte[] bytes) {
        NativeConnection target = connections.get(connection);
        if (target == null) {
            return 0;
        }
        if (timesHooks && plugin >= 0 && plugin < plugins.size()) {
            Plugin sender = plugins.get(plugin);
            Worker current = workers.stream().filter(worker -> worker.loop().inEventLoop()).findFirst().orElse(null);
            Hook hook = current == null ? null : current.hookOf(sender, target);
            settings.observer().sent(sender, hook, current == null ? -1 : current.id(),
                    api().name("MQ_SmtpSend"), bytes);
        }
        return target.send(bytes);
    }

    /** The hook calls waiting for a plugin to hand back control, on every worker. */
    public List<SuspendedCall> suspendedCalls() {
        List<SuspendedCall> calls = new ArrayList<>();
        for (Worker worker : workers) {
            try {
                calls.addAll(worker.loop().submit(worker::suspended).get(5, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | TimeoutException | java.util.concurrent.RejectedExecutionException e) {
                LOG.log(Level.WARNING, "worker " + worker.id() + " did not answer: " + e);
            }
        }
        return calls;
    }

    /** The rules plugins broke so far (each also logged), for test reports. */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    void violation(Plugin plugin, String message) {
        violations.add(message);
        LOG.log(Level.ERROR, message);
        settings.observer().violation(plugin, message);
    }

    /** A message from libmqhost about a plugin's use of the API. */
    void report(int plugin, Level level, String message) {
        Plugin source = plugin >= 0 && plugin < plugins.size() ? plugins.get(plugin) : null;
        String text = source == null ? message : source.name() + ": " + message;
        if (level == Level.ERROR) {
            violation(source, text);
        } else {
            LOG.log(level, text);
        }
    }

    /** The plugin loaded at base, or null. */
    Plugin pluginAt(long base) {
        for (Plugin plugin : plugins) {
            if (plugin.base() == base) {
                return plugin;
            }
        }
        return null;
    }

    /**
     * An MQ_log line from source (the plugin's file name, or the library's that called it), into the
     * runtime's log as MailerQ writes its application log: "[Info] [plugin] message".
     */
    void logged(String source, int priority, String message) {
        LogPriority level = LogPriority.of(priority);
        PLUGIN_LOG.log(level.level(), LogPriority.line(source, priority, message));
        settings.observer().logged(source, level, LogPriority.message(priority, message));
    }

    /**
     * Stops as MailerQ does: mq_context_cleanup on every worker, waits for
     * every plugin to hand back control (reporting those that do not within
     * the hand-back timeout), stops the workers, then mq_cleanup in order.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (group != null) {
                stopWorkers();
            }
            plugins.forEach(plugin -> global(plugin, "mq_cleanup", plugin::cleanup));
        } finally {
            HostRegistry.unregister(id);
        }
    }

    private void stopWorkers() {
        List<CompletableFuture<Void>> cleaned = new ArrayList<>();
        for (Worker worker : workers) {
            cleaned.add(worker.run(Hook.CONTEXT_CLEANUP, HookArguments.none()));
        }
        long deadline = System.nanoTime() + settings.handBackTimeout().toNanos();
        boolean handedBack = await(cleaned) && awaitIdleWorkers(deadline);
        if (!handedBack) {
            for (SuspendedCall call : suspendedCalls()) {
                violation(call.plugin(), "stopping anyway: " + call);
            }
        }
        for (Worker worker : workers) {
            worker.loop().execute(worker::clear);
        }
        group.shutdownGracefully(0, settings.handBackTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .awaitUninterruptibly();
    }

    private boolean awaitIdleWorkers(long deadline) {
        for (Worker worker : workers) {
            while (true) {
                try {
                    if (worker.loop().submit(worker::pendingCalls).get() == 0) {
                        break;
                    }
                    if (System.nanoTime() > deadline) {
                        return false;
                    }
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                } catch (ExecutionException e) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean await(List<CompletableFuture<Void>> futures) {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                    .get(settings.handBackTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a hook failed in the runtime", e.getCause());
        }
    }

    private String describeSuspended() {
        return suspendedCalls().stream().map(SuspendedCall::toString).collect(Collectors.joining("\n  "));
    }
}
