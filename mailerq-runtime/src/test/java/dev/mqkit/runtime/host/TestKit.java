package dev.mqkit.runtime.host;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Java side of testkit.h: scripts what the test plugins do and reads
 * back what they recorded. The plugins link the same libtestkit.so, so they
 * share one trace in the order things happened.
 */
final class TestKit {

    /** The tk_action codes of testkit.h. */
    enum Action {
        RETURN_FALSE, TIMER_CONTINUE, TIMER_COMPLETE, TIMER_RETRY, PIPE_CONTINUE, HOLD, EARLY_CONTINUE,
        TWICE, FOREIGN_THREAD, FALSE_THEN_CONTINUE, TIMER_STOP_FIRED
    }

    interface Functions extends Library {
        void tk_script(String plugin, String hook, int action, int number);

        int tk_take(byte[] buffer, int size);

        void tk_reset();
    }

    private static Functions functions;

    private TestKit() {}

    private static synchronized Functions functions() {
        if (functions == null) {
            functions = Native.load(TestPlugins.testKit().toString(), Functions.class);
        }
        return functions;
    }

    static void reset() {
        functions().tk_reset();
    }

    /** What plugin does in hook (a symbol such as mq_smtp_in_connect, or "*"); number is e.g. a delay in ms. */
    static void script(String plugin, String hook, Action action, int number) {
        functions().tk_script(plugin, hook, action.ordinal(), number);
    }

    static void script(String plugin, Hook hook, Action action) {
        script(plugin, hook.symbol(), action, 0);
    }

    /** A number a plugin reads for its own purpose, e.g. "verdict" or "rewrite". */
    static void set(String plugin, String key, int number) {
        script(plugin, key, Action.RETURN_FALSE, number);
    }

    /** The lines recorded since the last call, oldest first. */
    static List<String> take() {
        byte[] buffer = new byte[1 << 20];
        int length = functions().tk_take(buffer, buffer.length);
        String text = new String(buffer, 0, length, StandardCharsets.UTF_8);
        return text.isEmpty() ? new ArrayList<>() : new ArrayList<>(Arrays.asList(text.split("\n")));
    }
}
