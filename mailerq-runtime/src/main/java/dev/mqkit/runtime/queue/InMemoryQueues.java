package dev.mqkit.runtime.queue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Queues kept in memory, created on first use. Messages are copied on publish, so publisher and
 * consumer never share a JSON tree. Consumers are called on one dispatch thread of this object and
 * must return quickly. Besides consumers, tests read queues directly with {@link #poll},
 * {@link #take} and {@link #snapshot}.
 *
 * <p>The result queues (results, success, failure, retry) grow with every delivery; while nobody
 * consumes one it keeps only the latest {@code resultQueueLimit} messages, so that a runtime
 * whose results nobody reads does not grow for ever. The other queues are never cut: they hold
 * mail still to be delivered or handed on.
 *
 * <p>A consumer's stage that fails puts the message, as it was handed out, back at the head of its
 * queue (a nack with requeue on a broker). A delayed message waits on a timer of this object.
 * Everything is lost when the process ends: answered 250 or not.
 */
public final class InMemoryQueues implements MessageQueues {
    private static final System.Logger LOG = System.getLogger(InMemoryQueues.class.getName());

    private final QueueNames names;
    private final ConcurrentHashMap<String, MemoryQueue> queues = new ConcurrentHashMap<>();
    private final ExecutorService dispatcher = QueueThreads.single("mq-queue-dispatch");
    private final ScheduledExecutorService delayer = QueueThreads.scheduled("mq-queue-delay");
    private final int resultQueueLimit;
    private volatile boolean closed;

    /** Queues whose unconsumed result queues keep the latest {@value #DEFAULT_RESULT_QUEUE_LIMIT} messages. */
    public InMemoryQueues(QueueNames names) {
        this(names, DEFAULT_RESULT_QUEUE_LIMIT);
    }

    public InMemoryQueues(QueueNames names, int resultQueueLimit) {
        this.names = Objects.requireNonNull(names);
        if (resultQueueLimit < 1) {
            throw new IllegalArgumentException("resultQueueLimit must be positive: " + resultQueueLimit);
        }
        this.resultQueueLimit = resultQueueLimit;
    }

    /** The default of {@code result-queue-limit}. */
    public static final int DEFAULT_RESULT_QUEUE_LIMIT = 10_000;


    @Override
    public QueueNames names() {
        return names;
    }

    @Override
    public CompletionStage<Void> publish(String queue, ObjectNode message) {
        Objects.requireNonNull(message, "message");
        queue(queue).add(message.deepCopy());
        return CompletableFuture.completedFuture(null);
    }

    /** Held by a timer of this object until due: it is lost with the rest of the memory when the runtime stops. */
    @Override
    public CompletionStage<Void> publishDelayed(String queue, ObjectNode message, Duration delay) {
        Objects.requireNonNull(message, "message");
        MemoryQueue target = queue(queue);
        ObjectNode copy = message.deepCopy();
        if (closed) {
            return CompletableFuture.completedFuture(null);
        }
        try {
            delayer.schedule(() -> target.add(copy), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing: the memory goes with it
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public Subscription consume(String queue, int prefetch, MessageConsumer consumer) {
        if (prefetch < 1) {
            throw new IllegalArgumentException("prefetch must be at least 1, not " + prefetch);
        }
        return queue(queue).subscribe(prefetch, Objects.requireNonNull(consumer));
    }

    @Override
    public Optional<ObjectNode> poll(String queue, Duration timeout) throws InterruptedException {
        return Optional.ofNullable(queue(queue).poll(timeout.toNanos()));
    }

    @Override
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
        delayer.shutdownNow();
        dispatcher.shutdown();
        try {
            dispatcher.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private MemoryQueue queue(String name) {
        Objects.requireNonNull(name, "queue name");
        return queues.computeIfAbsent(name, queue -> new MemoryQueue(queue, isResultQueue(queue) ? resultQueueLimit : Integer.MAX_VALUE));
    }

    private boolean isResultQueue(String name) {
        return !name.equals(names.outbox()) && !name.equals(names.inbox()) && !name.equals(names.refused())
                && (name.equals(names.results()) || name.equals(names.success()) || name.equals(names.failure())
                || name.equals(names.retry()));
    }

    private final class MemoryQueue {
        private final String name;
        /** Past this many waiting messages and with no consumer, the oldest is dropped. */
        private final int limit;
        private long dropped;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition notEmpty = lock.newCondition();
        private final ArrayDeque<ObjectNode> messages = new ArrayDeque<>();
        private final List<Sub> subscribers = new ArrayList<>();
        private int nextSubscriber;

        MemoryQueue(String name, int limit) {
            this.name = name;
            this.limit = limit;
        }

        void add(ObjectNode message) {
            lock.lock();
            try {
                if (messages.size() >= limit && subscribers.isEmpty()) {
                    messages.pollFirst();
                    if (dropped++ == 0) {
                        LOG.log(Level.INFO, "queue ''{0}'' is not consumed: it keeps the latest {1} messages "
                                + "(result-queue-limit) and drops older ones", name, limit);
                    }
                }
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
                ObjectNode original = message.deepCopy(); // the consumer may change its own
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
                            // as a nack with requeue on the broker: the message is handed out again
                            LOG.log(Level.ERROR, "consumer of queue '" + name + "' failed; the message goes back", error);
                            requeue(original);
                        }
                        finished(sub);
                    });
                }
            }
        }

        private void requeue(ObjectNode message) {
            lock.lock();
            try {
                messages.addFirst(message);
                notEmpty.signal();
            } finally {
                lock.unlock();
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
