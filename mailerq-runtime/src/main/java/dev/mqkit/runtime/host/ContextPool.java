package dev.mqkit.runtime.host;

/**
 * The MQ_Context objects of one plugin on one worker. Each hook call gets
 * its own, so that a hand-back names exactly that call; a released context
 * is reused only after {@value #QUARANTINE} others, so that a late or second
 * hand-back still finds the call it names retired (and is reported) instead
 * of resuming an unrelated one.
 */
final class ContextPool {

    static final int QUARANTINE = 1024;

    private final int host;
    private final int worker;
    private final int plugin;
    private final long slot;
    /** A ring whose size is a power of two, so that positions wrap with a mask rather than a division. */
    private long[] released = new long[QUARANTINE * 2];
    private int head;
    private int size;

    ContextPool(int host, int worker, int plugin, long slot) {
        this.host = host;
        this.worker = worker;
        this.plugin = plugin;
        this.slot = slot;
    }

    long acquire() {
        if (size > QUARANTINE) {
            long context = released[head];
            head = (head + 1) & (released.length - 1);
            size--;
            return context;
        }
        long context = LibMqHost.mqhost_context_new(host, worker, plugin, slot);
        if (context == 0) {
            throw new OutOfMemoryError("cannot allocate an MQ_Context");
        }
        return context;
    }

    void release(long context) {
        if (size == released.length) {
            long[] larger = new long[released.length * 2];
            for (int i = 0; i < size; i++) {
                larger[i] = released[(head + i) & (released.length - 1)];
            }
            released = larger;
            head = 0;
        }
        released[(head + size) & (released.length - 1)] = context;
        size++;
    }
}
