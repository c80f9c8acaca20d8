package dev.mqkit.runtime.host;

import io.netty.channel.IoEvent;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoEvent;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.unix.FileDescriptor;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The plugins' MQ_IOWatch registrations on one worker's epoll loop. epoll
 * takes a descriptor once, while libev lets many watchers share one, so
 * watchers of the same descriptor share one level-triggered registration
 * with the union of their events.
 */
final class FileWatches {

    private static final int MQ_READ = 1;
    private static final int MQ_WRITE = 2;

    private final Worker worker;
    private final Map<Integer, WatchedFile> files = new HashMap<>();
    private final Map<Long, WatchedFile> byWatcher = new HashMap<>();

    FileWatches(Worker worker) {
        this.worker = worker;
    }

    void add(int plugin, long watcher, int fd, int events) {
        WatchedFile file = files.get(fd);
        if (file == null) {
            file = new WatchedFile(fd);
            files.put(fd, file);
            WatchedFile registering = file;
            worker.loop().register(file).addListener(future -> {
                if (future.isSuccess()) {
                    registering.registered((IoRegistration) future.getNow());
                } else {
                    worker.host().report(plugin, Level.ERROR, worker.host().api().name("MQ_IOWatch") + "(fd " + fd
                            + ") failed: " + future.cause().getMessage() + "; is the descriptor open?");
                    files.remove(fd, registering);
                    registering.watchers.keySet().forEach(byWatcher::remove);
                }
            });
        }
        file.watchers.put(watcher, events);
        byWatcher.put(watcher, file);
        file.update();
    }

    void remove(long watcher) {
        WatchedFile file = byWatcher.remove(watcher);
        if (file == null) {
            return;
        }
        file.watchers.remove(watcher);
        if (file.watchers.isEmpty()) {
            files.remove(file.fd.intValue());
            file.cancel();
        } else {
            file.update();
        }
    }

    void clear() {
        files.values().forEach(WatchedFile::cancel);
        files.clear();
        byWatcher.clear();
    }

    /** One descriptor and the watchers on it. */
    private final class WatchedFile implements EpollIoHandle {

        final FileDescriptor fd;
        final Map<Long, Integer> watchers = new LinkedHashMap<>();
        IoRegistration registration;

        WatchedFile(int fd) {
            this.fd = new FileDescriptor(fd);
        }

        @Override
        public FileDescriptor fd() {
            return fd;
        }

        void registered(IoRegistration registration) {
            this.registration = registration;
            update();
        }

        void update() {
            if (registration == null || !registration.isValid()) {
                return;
            }
            int events = 0;
            for (int watched : watchers.values()) {
                events |= watched;
            }
            EpollIoOps ops = EpollIoOps.NONE;
            if ((events & MQ_READ) != 0) {
                ops = ops.with(EpollIoOps.EPOLLIN).with(EpollIoOps.EPOLLRDHUP);
            }
            if ((events & MQ_WRITE) != 0) {
                ops = ops.with(EpollIoOps.EPOLLOUT);
            }
            registration.submit(ops);
        }

        @Override
        public void handle(IoRegistration registration, IoEvent event) {
            EpollIoOps ready = ((EpollIoEvent) event).ops();
            int events = 0;
            if (ready.contains(EpollIoOps.EPOLLIN) || ready.contains(EpollIoOps.EPOLLRDHUP)
                    || ready.contains(EpollIoOps.EPOLLERR)) {
                events |= MQ_READ;
            }
            if (ready.contains(EpollIoOps.EPOLLOUT) || ready.contains(EpollIoOps.EPOLLERR)) {
                events |= MQ_WRITE;
            }
            // a callback may unwatch itself or others: iterate over a copy
            for (Map.Entry<Long, Integer> watcher : new ArrayList<>(watchers.entrySet())) {
                int mine = events & watcher.getValue();
                if (mine != 0 && watchers.containsKey(watcher.getKey())) {
                    LibMqHost.mqhost_watcher_fire(watcher.getKey(), mine);
                }
            }
        }

        void cancel() {
            if (registration != null && registration.isValid()) {
                registration.cancel();
            }
        }

        @Override
        public void close() {
            // the descriptor belongs to the plugin: never close it here
            cancel();
        }
    }
}
