package dev.mqkit.maven.compile;

import dev.mqkit.maven.io.FileContent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one compilation of a plugin: keeps the compilation database current,
 * compiles the sources that are stale, in parallel, and links the plugin when
 * an object or the link command changed. It tells what it does to a
 * {@link Listener} and leaves the logging to the caller.
 */
public final class CompileExecutor {

    /** What a compilation tells as it goes, in the order it happens. */
    public interface Listener {

        void nothingToCompile(int sources);

        /** @param atOnce how many compilers run at the same time */
        void compiling(List<CompileCommand> stale, int sources, int atOnce);

        void compiled(CompileCommand command);

        /** What a compiler or the linker printed, whether it succeeded or not. */
        void diagnostics(List<Diagnostic> diagnostics);

        void linkUpToDate(Path sharedObject);

        void linked(Path sharedObject, String linker);
    }

    private final ToolchainSettings settings;
    private final CommandLines commandLines;
    private final CompileOutputs outputs;
    private final int threads;
    private final Listener listener;

    public CompileExecutor(ToolchainSettings settings, CompileOutputs outputs, int threads, Listener listener) {
        this.settings = settings;
        this.commandLines = new CommandLines(settings);
        this.outputs = outputs;
        this.threads = Math.max(1, threads);
        this.listener = listener;
    }

    public void execute(List<SourceFile> sources)
            throws IOException, InterruptedException, CompilationFailureException {
        List<CompileCommand> commands = sources.stream().map(commandLines::compile).toList();
        CompileCommandsJson.write(outputs.compileCommands(), commands);
        List<CompileCommand> stale = commands.stream().filter(c -> !UpToDateCheck.isCurrent(c)).toList();
        if (stale.isEmpty()) {
            listener.nothingToCompile(commands.size());
        } else {
            compile(stale, commands.size());
        }
        link(commands);
    }

    private void compile(List<CompileCommand> stale, int sources)
            throws IOException, InterruptedException, CompilationFailureException {
        listener.compiling(stale, sources, Math.min(threads, stale.size()));
        List<String> failures = new ArrayList<>();
        new ParallelCompiler(threads).compile(stale, result -> {
            List<Diagnostic> diagnostics = Diagnostic.parse(result.outcome().output(), settings.basedir());
            if (result.outcome().succeeded()) {
                listener.compiled(result.command());
            } else {
                String first = Diagnostic.firstError(diagnostics);
                failures.add(first != null ? first
                        : settings.basedir().relativize(result.command().source().path()) + ": "
                        + result.command().arguments().get(0) + " ended with exit code " + result.outcome().exitCode());
            }
            listener.diagnostics(diagnostics);
        });
        if (!failures.isEmpty()) {
            throw new CompilationFailureException("Compilation failed in " + failures.size() + " of "
                    + SourceFile.count(stale.size()) + ":\n" + String.join("\n", failures));
        }
    }

    private void link(List<CompileCommand> commands) throws IOException, CompilationFailureException {
        FileContent.writeIfChanged(outputs.versionScript(),
                VersionScript.EXPORT_HOOKS_ONLY.getBytes(StandardCharsets.UTF_8));
        Path output = outputs.sharedObject();
        List<String> link = commandLines.link(commands, outputs.versionScript(), output);
        RecordedCommand recorded = new RecordedCommand(outputs.linkCommand());
        List<Path> inputs = new ArrayList<>(commands.stream().map(CompileCommand::object).toList());
        inputs.add(outputs.versionScript());
        inputs.addAll(settings.linked().files());
        if (UpToDateCheck.isCurrent(output, recorded, link, inputs)) {
            listener.linkUpToDate(output);
            return;
        }
        ProcessRunner.Outcome outcome = recorded.run(link, settings.basedir());
        List<Diagnostic> diagnostics = Diagnostic.parse(outcome.output(), settings.basedir());
        listener.diagnostics(diagnostics);
        if (!outcome.succeeded()) {
            String first = Diagnostic.firstError(diagnostics);
            throw new CompilationFailureException("Linking " + output.getFileName() + " with " + link.get(0)
                    + " failed" + (first != null ? ":\n" + first : " with exit code " + outcome.exitCode()));
        }
        listener.linked(output, link.get(0));
    }
}
