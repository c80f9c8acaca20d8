package dev.mqkit.runtime.queue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Queues kept in memory, created on first use. Messages are copied on publish, so publisher and
 * consumer never share a JSON tree. Consumers are called on one dispatch thread of this object and
 * must return quickly. Besides consumers, tests read queues directly with {@link #poll},
 * {@link #take} and {@link #snapshot}.
 */
public final class InMemoryQueues implements MessageQueues {
    private static final System.Logger LOG = System.getLogger(InMemoryQueues.class.getName());

    private final QueueNames names;
    private final ConcurrentHashMap<String, MemoryQueue> queues = new ConcurrentHashMap<>();
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mq-queue-dispatch");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    public InMemoryQueues(QueueNames names) {
        this.names = Objects.requireNonNull(names);
    }


    @Override
    public QueueNames names() {
        return names;
    }

    @Override
    public void publish(String queue, ObjectNode message) {
        Objects.requireNonNull(message, "message");
        queue(queue).add(message.deepCopy());
    }

    @Override
    public Subscription consume(String queue, int prefetch, MessageConsumer consumer) {
        if (prefetch < 1) {
            throw new IllegalArgumentException("prefetch must be at least 1, not " + prefetch);
        }
        return queue(queue).subscribe(prefetch, Objects.requireNonNull(consumer));
    }

    /** Removes and returns the first message of {@code queue}, waiting up to {@code timeout}. */
    public Optional<ObjectNode> poll(String queue, Duration timeout) throws InterruptedException {
        return Optional.ofNullable(queue(queue).poll(timeout.toNanos()));
    }

    /** Like {@link #poll} but failing with an AssertionError naming the queue when nothing came. */
    public ObjectNode take(String queue, Duration timeout) throws InterruptedException {
        return poll(queue, timeout).orElseThrow(() -> new AssertionError(
                "no message arrived in queue '" + queue + "' within " + timeout.toMillis() + " ms"));
    }

    /** Copies of the messages now waiting in {@code queue}, first first; the queue is unchanged. */
    public List<ObjectNode> snapshot(String queue) {
        return queue(queue).snapshot();
    }

    /** Number of messages waiting in {@code queue} (not counting those handed to consumers). */
    public int size(String queue) {
        return queue(queue).size();
    }

    @Override
    public void close() {
        closed = true;
        dispatcher.shutdown();
        try {
            dispatcher.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private MemoryQueue queue(String name) {
        Objects.requireNonNull(name, "queue name");
        return queues.computeIfAbsent(name, MemoryQueue::new);
    }

    private final class MemoryQueue {
        private final String name;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition notEmpty = lock.newCondition();
        private final ArrayDeque<ObjectNode> messages = new ArrayDeque<>();
        private final List<Sub> subscribers = new ArrayList<>();
        private int nextSubscriber;

        MemoryQueue(String name) {
            this.name = name;
        }

        void add(ObjectNode message) {
            lock.lock();
            try {
                messages.addLast(message);
                notEmpty.signal();
            } finally {
                lock.unlock();
            }
            scheduleDispatch();
        }

        ObjectNode poll(long nanos) throws InterruptedException {
            lock.lock();
            try {
                while (messages.isEmpty()) {
                    if (nanos <= 0) {
                        return null;
                    }
                    nanos = notEmpty.awaitNanos(nanos);
                }
                return messages.pollFirst();
            } finally {
                lock.unlock();
            }
        }

        List<ObjectNode> snapshot() {
            lock.lock();
            try {
                List<ObjectNode> copy = new ArrayList<>(messages.size());
                messages.forEach(m -> copy.add(m.deepCopy()));
                return copy;
            } finally {
                lock.unlock();
            }
        }

        int size() {
            lock.lock();
            try {
                return messages.size();
            } finally {
                lock.unlock();
            }
        }

        Subscription subscribe(int prefetch, MessageConsumer consumer) {
            Sub sub = new Sub(this, prefetch, consumer);
            lock.lock();
            try {
                subscribers.add(sub);
            } finally {
                lock.unlock();
            }
            scheduleDispatch();
            return sub;
        }

        void unsubscribe(Sub sub) {
            lock.lock();
            try {
                subscribers.remove(sub);
            } finally {
                lock.unlock();
            }
        }

        void scheduleDispatch() {
            if (closed) {
                return;
            }
            try {
                dispatcher.execute(this::dispatch);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing: nothing more is handed over
            }
        }

        /** Runs on the dispatch thread only. */
        private void dispatch() {
            while (!closed) {
                Sub target = null;
                ObjectNode message;
                lock.lock();
                try {
                    if (messages.isEmpty() || subscribers.isEmpty()) {
                        return;
                    }
                    for (int i = 0; i < subscribers.size(); i++) {
                        Sub candidate = subscribers.get((nextSubscriber + i) % subscribers.size());
                        if (candidate.inFlight < candidate.prefetch) {
                            target = candidate;
                            nextSubscriber = (nextSubscriber + i + 1) % subscribers.size();
                            break;
                        }
                    }
                    if (target == null) {
                        return;
                    }
                    message = messages.pollFirst();
                    target.inFlight++;
                } finally {
                    lock.unlock();
                }
                Sub sub = target;
                CompletionStage<?> done;
                try {
                    done = sub.consumer.handle(message);
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, "consumer of queue '" + name + "' failed", e);
                    done = null;
                }
                if (done == null) {
                    finished(sub);
                } else {
                    done.whenComplete((ok, error) -> {
                        if (error != null) {
                            LOG.log(Level.ERROR, "consumer of queue '" + name + "' failed", error);
                        }
                        finished(sub);
                    });
                }
            }
        }

        private void finished(Sub sub) {
            lock.lock();
            try {
                sub.inFlight--;
            } finally {
                lock.unlock();
            }
            scheduleDispatch();
        }
    }

    private static final class Sub implements Subscription {
        private final MemoryQueue queue;
        private final int prefetch;
        private final MessageConsumer consumer;
        private int inFlight; // guarded by queue.lock

        Sub(MemoryQueue queue, int prefetch, MessageConsumer consumer) {
            this.queue = queue;
            this.prefetch = prefetch;
            this.consumer = consumer;
        }

        @Override
        public void close() {
            queue.unsubscribe(this);
        }
    }
}
