package dev.mqkit.maven.compile;

/** A source did not compile or the plugin did not link; the message names the compiler's first error. */
public final class CompilationFailureException extends Exception {

    public CompilationFailureException(String message) {
        super(message);
    }
}
