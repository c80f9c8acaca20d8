package dev.mqkit.runtime.host;

import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names worker threads mq-worker-N, short enough to survive the kernel's
 * 15-character limit, so that plugins, top and gdb see the same names.
 */
final class WorkerThreads implements ThreadFactory {

    private final AtomicInteger next = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
        return new FastThreadLocalThread(task, "mq-worker-" + next.getAndIncrement());
    }
}
