package dev.mqkit.bench;

import dev.mqkit.api.Hook;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.runtime.host.HookArguments;
import dev.mqkit.runtime.host.NativeConnection;
import dev.mqkit.runtime.host.PluginHost;
import dev.mqkit.runtime.host.PluginHostSettings;
import dev.mqkit.runtime.host.Worker;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of one mq_smtp_in_connect call through the plugin host: a chain of
 * one plugin whose hook returns false, on a host with one worker, for each
 * API generation: the host plays {@code release}, and the plugin built for it
 * is in bench.plugins/{@code release}.
 *
 * onWorker:  BATCH calls of Worker.run inside one task on the worker thread,
 *            each completing synchronously; reported per call. This is the
 *            cost the SMTP server pays per hook, as it calls from the worker.
 * roundTrip: one Worker.run from the benchmark thread and a join: the hook
 *            call plus the hop onto the worker's event loop and back.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DispatchBenchmark {

    static final int BATCH = 10_000;

    /** The MailerQ release played: 3.0 (hand-back by context) or 5.13 (hand-back by connection). */
    @Param({"3.0", "5.13"})
    public String release;

    PluginHost host;
    Worker worker;
    NativeConnection connection;

    @Setup(Level.Trial)
    public void start() throws Exception {
        String plugins = System.getProperty("bench.plugins");
        if (plugins == null) {
            throw new IllegalStateException("set -Dbench.plugins=DIR, a directory with one plugin per release in "
                    + "DIR/3.0 and DIR/5.13");
        }
        host = PluginHost.start(PluginHostSettings.of(Path.of(plugins, release))
                .withRelease(MailerqRelease.parse(release)).withWorkers(1));
        if (host.plugins().size() != 1 || !host.exports(Hook.SMTP_IN_CONNECT)) {
            throw new IllegalStateException(plugins + " must hold one plugin exporting mq_smtp_in_connect");
        }
        worker = host.workers().get(0);
        // runs on the worker, so that the connection belongs to it
        connection = CompletableFuture.supplyAsync(() -> host.openConnection(0, bytes -> bytes.length),
                worker.loop()).get();
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        CompletableFuture.runAsync(connection::close, worker.loop()).get();
        host.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void onWorker() throws Exception {
        CompletableFuture<Void> batch = new CompletableFuture<>();
        worker.loop().execute(() -> {
            try {
                CompletableFuture<Void> last = null;
                for (int i = 0; i < BATCH; i++) {
                    last = worker.run(Hook.SMTP_IN_CONNECT, HookArguments.connection(connection));
                }
                if (!last.isDone()) {
                    throw new IllegalStateException("the hook did not complete synchronously");
                }
                last.join();
                batch.complete(null);
            } catch (Throwable failure) {
                batch.completeExceptionally(failure);
            }
        });
        batch.get();
    }

    @Benchmark
    public void roundTrip() throws Exception {
        worker.run(Hook.SMTP_IN_CONNECT, HookArguments.connection(connection)).get();
    }
}
