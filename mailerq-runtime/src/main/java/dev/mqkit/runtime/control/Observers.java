package dev.mqkit.runtime.control;

import dev.mqkit.runtime.host.HandBack;
import dev.mqkit.runtime.host.Hook;
import dev.mqkit.runtime.host.HookArguments;
import dev.mqkit.runtime.host.HookObserver;
import dev.mqkit.runtime.host.Plugin;
import java.util.List;

/** Combines hook observers. */
public final class Observers {

    private Observers() {}

    /** Observers that each see every event, in this order. */
    public static HookObserver all(List<HookObserver> observers) {
        List<HookObserver> list = List.copyOf(observers);
        if (list.isEmpty()) {
            return HookObserver.NONE;
        }
        if (list.size() == 1) {
            return list.get(0);
        }
        return new HookObserver() {
            @Override
            public void calling(Plugin plugin, Hook hook, int worker, HookArguments arguments) {
                list.forEach(observer -> observer.calling(plugin, hook, worker, arguments));
            }

            @Override
            public void callingGlobal(Plugin plugin, String function) {
                list.forEach(observer -> observer.callingGlobal(plugin, function));
            }

            @Override
            public void returnedGlobal(Plugin plugin, String function, long nanos) {
                list.forEach(observer -> observer.returnedGlobal(plugin, function, nanos));
            }

            @Override
            public void returned(Plugin plugin, Hook hook, int worker, boolean tookControl, long nanos) {
                list.forEach(observer -> observer.returned(plugin, hook, worker, tookControl, nanos));
            }

            @Override
            public void handedBack(Plugin plugin, Hook hook, int worker, HandBack how, long waitedNanos) {
                list.forEach(observer -> observer.handedBack(plugin, hook, worker, how, waitedNanos));
            }

            @Override
            public void violation(Plugin plugin, String message) {
                list.forEach(observer -> observer.violation(plugin, message));
            }
        };
    }
}
