package dev.mqkit.runtime;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** What went wrong in a stage: the failure inside the wrappers that futures put around it. */
public final class Failures {
    private Failures() {}

    /** The cause a CompletionException or ExecutionException (or a chain of them) wraps; else the failure itself. */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
