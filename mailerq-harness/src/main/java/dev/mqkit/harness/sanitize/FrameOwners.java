package dev.mqkit.harness.sanitize;

import dev.mqkit.api.Hook;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Whose code a stack frame is: a plugin's (its module is one of the plugin directory's files), the host's
 * (the JVM and its generated code, JNA, libmqhost), or a library's that either may call (libc, libstdc++,
 * json-c, the sanitizer's own interceptors).
 */
final class FrameOwners {

    /** JNA extracts libmqhost and its own dispatch library to files named like this. */
    private static final Pattern JNA_TEMP = Pattern.compile("jna-?\\d+\\.tmp|libjnidispatch\\.so|libmqhost\\.so");
    private static final Pattern SANITIZER_FUNCTIONS = Pattern.compile("__(?:interceptor_|asan_|lsan_|ubsan_|sanitizer_)");
    private static final Set<String> HOOKS = hooks();

    private final Set<String> plugins;
    private final Path javaHome = Path.of(System.getProperty("java.home"));

    /** @param plugins the file names of the plugins, e.g. 20-leak.so */
    FrameOwners(Set<String> plugins) {
        this.plugins = plugins;
    }

    boolean isPlugin(StackFrame frame) {
        return frame.module() != null && plugins.contains(frame.moduleName()) && !isSanitizer(frame);
    }

    /** The sanitizer's own interceptors and checks, even where they are linked into a module. */
    private static boolean isSanitizer(StackFrame frame) {
        return SANITIZER_FUNCTIONS.matcher(frame.function()).lookingAt();
    }

    /** The JVM's code (generated code has no module), JNA's or libmqhost's. */
    boolean isHost(StackFrame frame) {
        if (frame.module() == null) {
            return true;
        }
        String name = frame.moduleName();
        return JNA_TEMP.matcher(name).matches() || name.equals("libjvm.so") || frame.module().startsWith(javaHome);
    }

    /** The plugin of the frame nearest the top of the stack that is a plugin's. */
    Optional<String> plugin(List<StackFrame> stack) {
        return stack.stream().filter(this::isPlugin).map(StackFrame::moduleName).findFirst();
    }

    /**
     * The plugin that made an allocation: the one whose frame comes first, from the allocator down, before
     * any of the host's. Memory the host allocates while a plugin calls it is the host's to free.
     */
    Optional<String> allocatingPlugin(List<StackFrame> stack) {
        for (StackFrame frame : stack) {
            if (isPlugin(frame)) {
                return Optional.of(frame.moduleName());
            }
            if (isHost(frame)) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The frames of {@code plugin} in a stack, top first. */
    List<StackFrame> framesOf(String plugin, List<StackFrame> stack) {
        List<StackFrame> own = new ArrayList<>();
        for (StackFrame frame : stack) {
            if (isPlugin(frame) && frame.moduleName().equals(plugin)) {
                own.add(frame);
            }
        }
        return own;
    }

    /** The hook these frames ran in: the outermost that is one of the API's functions. */
    static Optional<String> hook(List<StackFrame> frames) {
        for (int i = frames.size() - 1; i >= 0; i--) {
            if (HOOKS.contains(frames.get(i).function())) {
                return Optional.of(frames.get(i).function());
            }
        }
        return Optional.empty();
    }

    private static Set<String> hooks() {
        Set<String> names = new TreeSet<>(List.of("mq_version", "mq_initialize", "mq_cleanup"));
        for (Hook hook : Hook.values()) {
            names.add(hook.symbol());
        }
        return names;
    }
}
