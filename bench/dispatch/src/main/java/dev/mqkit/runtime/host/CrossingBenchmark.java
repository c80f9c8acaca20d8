package dev.mqkit.runtime.host;

import dev.mqkit.api.Hook;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The crossing from Java into C alone, without the hook chain around it (in
 * the runtime's package, to reach its package-private bindings):
 *
 * jniCrossing: the JNI trampoline the host calls per hook, HookCalls.connection,
 *              on the plugin's mq_smtp_in_connect: the floor of a hook call
 *              from Java.
 * jnaCrossing: the cheapest JNA direct-mapped call into libmqhost,
 *              mqhost_call_version on the plugin's mq_version (one argument):
 *              what any crossing bound with JNA costs at least.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CrossingBenchmark {

    PluginHost host;
    NativeConnection connection;
    long connect;
    long version;
    long context;

    @Setup(Level.Trial)
    public void start() {
        host = PluginHost.start(PluginHostSettings.of(Path.of(System.getProperty("bench.plugins"), "5.13")).withWorkers(1));
        Plugin plugin = host.plugins().get(0);
        connect = plugin.address(Hook.SMTP_IN_CONNECT);
        version = plugin.symbol("mq_version");
        context = LibMqHost.mqhost_context_new(host.id(), 0, 0, LibMqHost.mqhost_slots_new(1));
        connection = host.openConnection(0, bytes -> bytes.length);
    }

    @TearDown(Level.Trial)
    public void stop() {
        connection.close();
        host.close();
    }

    @Benchmark
    public boolean jniCrossing() {
        return HookCalls.connection(connect, context, 1, connection.address(), 0);
    }

    @Benchmark
    public int jnaCrossing() {
        return LibMqHost.mqhost_call_version(version);
    }
}
