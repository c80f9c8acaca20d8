package dev.mqkit.maven.compile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs compiles on a pool of threads, one compiler process per thread. Each
 * result is handed to {@code onDone} as soon as its compiler ends, so the log
 * shows diagnostics while other sources still compile.
 */
final class ParallelCompiler {

    /** How one compile ended. */
    public record Result(CompileCommand command, ProcessRunner.Outcome outcome) {
    }

    private final int threads;

    public ParallelCompiler(int threads) {
        this.threads = Math.max(1, threads);
    }

    public List<Result> compile(List<CompileCommand> commands, Consumer<Result> onDone)
            throws IOException, InterruptedException {
        if (commands.size() <= 1 || threads == 1) {
            List<Result> results = new ArrayList<>();
            for (CompileCommand command : commands) {
                Result result = compileOne(command);
                onDone.accept(result);
                results.add(result);
            }
            return results;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, commands.size()), r -> {
            Thread t = new Thread(r, "mailerq-compile");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Result>> futures = new ArrayList<>();
            for (CompileCommand command : commands) {
                futures.add(pool.submit(() -> {
                    Result result = compileOne(command);
                    synchronized (onDone) {
                        onDone.accept(result);
                    }
                    return result;
                }));
            }
            List<Result> results = new ArrayList<>();
            for (Future<Result> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static Result compileOne(CompileCommand command) throws IOException {
        Files.createDirectories(command.object().getParent());
        return new Result(command, command.recordedCommand().run(command.arguments(), command.directory()));
    }
}
