package dev.mqkit.runtime.queue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The single threads the queue backends work on: named, so that a thread dump says whose they are, and
 * daemons, so that a runtime that was not closed does not keep its JVM alive.
 */
public final class QueueThreads {
    private QueueThreads() {}

    /** One daemon thread called {@code name}. */
    public static ExecutorService single(String name) {
        return Executors.newSingleThreadExecutor(task -> daemon(task, name));
    }

    /** One daemon thread called {@code name} that runs delayed tasks too. */
    public static ScheduledExecutorService scheduled(String name) {
        return Executors.newSingleThreadScheduledExecutor(task -> daemon(task, name));
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
