package dev.mqkit.runtime;

import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

/** What went wrong: the failure inside the wrappers that futures put around it, and the causes behind it. */
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

    /** The first of the failure and its causes, in order, that is a {@code type}. */
    public static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        return first(failure, type::isInstance).map(type::cast);
    }

    /** The first of the failure and its causes, in order, that {@code test} accepts. */
    public static Optional<Throwable> first(Throwable failure, Predicate<Throwable> test) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (test.test(t)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * The failure in words: the first message along its causes (Netty's epoll transport may throw a
     * connect failure without one), else what its kind says, e.g. "connection refused".
     */
    public static String describe(Throwable failure) {
        Throwable cause = unwrap(failure);
        return first(cause, t -> t.getMessage() != null && !t.getMessage().isBlank())
                .map(Throwable::getMessage)
                .orElseGet(() -> cause instanceof java.net.ConnectException ? "connection refused"
                        : cause instanceof java.net.NoRouteToHostException ? "no route to host"
                        : cause.getClass().getSimpleName());
    }
}
