package dev.mqkit.maven.compile;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs a compiler or linker and collects what it printed (stdout and stderr together, in order). */
public final class ProcessRunner {

    /** How a run ended. */
    public record Outcome(int exitCode, String output) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    private ProcessRunner() {
    }

    /**
     * Compiler messages in English, whatever the user's language, so that
     * errors and warnings are recognised; the character set stays the user's.
     */
    private static void englishMessages(Map<String, String> environment) {
        String all = environment.remove("LC_ALL");
        if (all != null && !all.isEmpty()) {
            environment.put("LC_CTYPE", all);
            environment.put("LANG", all);
        }
        environment.put("LC_MESSAGES", "C");
    }

    public static Outcome run(List<String> command, Path directory) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        englishMessages(builder.environment());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException("cannot run " + command.get(0) + " (" + e.getMessage() + "): install it, or name "
                    + "another compiler with CC/CXX or <cc>/<cxx>", e);
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), Charset.defaultCharset());
        try {
            return new Outcome(process.waitFor(), output);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + command.get(0), e);
        }
    }
}
