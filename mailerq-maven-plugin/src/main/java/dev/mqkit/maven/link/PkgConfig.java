package dev.mqkit.maven.link;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Asks {@code pkg-config} (or the program {@code PKG_CONFIG} names) for the compile and link flags of library
 * modules, such as {@code libcurl}: what a library needs beyond its bare name (include folders, defines, the
 * libraries it needs itself).
 */
public final class PkgConfig {

    /** The flags of some modules: for every compile, and for the link. */
    public record Flags(List<String> cflags, List<String> libs) {
        public static final Flags NONE = new Flags(List.of(), List.of());
    }

    /** pkg-config is missing, or does not know a module; the message names it and the fix. */
    public static final class PkgConfigException extends Exception {
        PkgConfigException(String message) {
            super(message);
        }
    }

    private final String executable;

    public PkgConfig(String executable) {
        this.executable = executable;
    }

    /** The {@code PKG_CONFIG} of the environment, else {@code pkg-config}. */
    public static PkgConfig fromEnvironment() {
        String configured = System.getenv("PKG_CONFIG");
        return new PkgConfig(configured != null && !configured.isBlank() ? configured.trim() : "pkg-config");
    }

    /** The flags of {@code modules}, in order; none for none. */
    public Flags flags(List<String> modules) throws PkgConfigException {
        if (modules.isEmpty()) {
            return Flags.NONE;
        }
        for (String module : modules) {
            Output exists = run(List.of("--exists", "--print-errors", module));
            if (exists.status() != 0) {
                throw new PkgConfigException("pkg-config knows no module " + module + " (<pkgConfig><module>" + module
                        + "</module></pkgConfig>): install the library's development package, which brings its "
                        + module + ".pc (e.g. libcurl4-openssl-dev for libcurl), or add the folder holding it to "
                        + "PKG_CONFIG_PATH. pkg-config said: " + exists.text().strip());
            }
        }
        return new Flags(words(call("--cflags", modules)), words(call("--libs", modules)));
    }

    /** Whether pkg-config is there and knows {@code module}. */
    public boolean knows(String module) {
        try {
            return run(List.of("--exists", module)).status() == 0;
        } catch (PkgConfigException e) {
            return false;
        }
    }

    private String call(String option, List<String> modules) throws PkgConfigException {
        List<String> arguments = new ArrayList<>(List.of(option));
        arguments.addAll(modules);
        Output output = run(arguments);
        if (output.status() != 0) {
            throw new PkgConfigException("pkg-config " + String.join(" ", arguments) + " failed: "
                    + output.text().strip());
        }
        return output.text();
    }

    private record Output(int status, String text) {
    }

    private Output run(List<String> arguments) throws PkgConfigException {
        List<String> command = new ArrayList<>(List.of(executable));
        command.addAll(arguments);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new PkgConfigException(executable + " did not answer within 30 s");
            }
            return new Output(process.exitValue(), text);
        } catch (IOException e) {
            throw new PkgConfigException(executable + " cannot be run (" + e.getMessage() + "): install pkg-config "
                    + "(apt-get install pkg-config) for <pkgConfig>, or name the libraries in <libraries> and their "
                    + "include folders in <includePaths> instead");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PkgConfigException("interrupted while running " + executable);
        }
    }

    /** pkg-config's output split as a shell would, for the backslash escapes it writes. */
    static List<String> words(String output) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < output.length(); i++) {
            char c = output.charAt(i);
            if (c == '\\' && i + 1 < output.length()) {
                word.append(output.charAt(++i));
            } else if (Character.isWhitespace(c)) {
                if (!word.isEmpty()) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return words;
    }
}
