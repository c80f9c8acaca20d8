package dev.mqkit.harness.sanitize;

import dev.mqkit.api.ReleaseApi;
import dev.mqkit.api.harness.CrashLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the sanitizers found in a runtime process, as problems that name the kind, the plugin, the hook
 * that was running, the plugin's own frames as {@code file:line} and the fix, e.g.
 * {@code heap-buffer-overflow in mq_smtp_in_mailfrom of 20-overflow.so (AddressSanitizer): WRITE of size 1
 * at src/main/c/overflow.c:14 (mq_smtp_in_mailfrom), 0 bytes to the right of 24-byte region; allocated at
 * src/main/c/overflow.c:12 (mq_smtp_in_mailfrom); keep every read and write inside the block: …}.
 * <p>
 * Errors count wherever they happened. A leak counts only when a plugin made the allocation (see
 * {@link FrameOwners#allocatingPlugin}); the JVM's own are not the plugin author's. Only direct leaks
 * count: what leaked memory points to is not reported a second time.
 */
public final class SanitizerFindings {

    private final List<String> problems;
    private final boolean stoppedTheRuntime;

    private SanitizerFindings(List<String> problems, boolean stoppedTheRuntime) {
        this.problems = List.copyOf(problems);
        this.stoppedTheRuntime = stoppedTheRuntime;
    }

    /**
     * Reads a runtime process's stderr.
     *
     * @param stderr          the file its stderr went to
     * @param pluginDirectory the plugins it ran, whose frames are the ones that count
     * @param inHooks         the hooks that were running when it ended (from the crash log)
     * @param api             the played release's API, whose function names the advice uses
     */
    public static SanitizerFindings read(Path stderr, Path pluginDirectory, List<CrashLog.InHook> inHooks,
                                         ReleaseApi api) {
        return of(SanitizerOutput.read(stderr), pluginFiles(pluginDirectory), inHooks, stderr, api);
    }

    static SanitizerFindings of(List<SanitizerReport> reports, Set<String> plugins, List<CrashLog.InHook> inHooks,
                                Path reportFile, ReleaseApi api) {
        FrameOwners owners = new FrameOwners(plugins);
        List<String> problems = new ArrayList<>();
        boolean fatal = false;
        for (SanitizerReport report : reports) {
            fatal |= report.fatal();
            describe(report, owners, inHooks, api).ifPresent(text -> problems.add(text + ". Report: " + reportFile));
        }
        return new SanitizerFindings(problems, fatal);
    }

    /** One sentence each. */
    public List<String> problems() {
        return problems;
    }

    /**
     * Whether a sanitizer stopped the runtime (it does at the first error): then its report, not the exit
     * code, tells what happened.
     */
    public boolean stoppedTheRuntime() {
        return stoppedTheRuntime;
    }

    private static Optional<String> describe(SanitizerReport report, FrameOwners owners,
                                             List<CrashLog.InHook> inHooks, ReleaseApi api) {
        List<StackFrame> stack = report.primaryStack();
        Optional<String> plugin = whose(report, owners, inHooks);
        if (plugin.isEmpty()) {
            return report.fatal() ? Optional.of(outsideThePlugins(report)) : Optional.empty();
        }
        List<StackFrame> own = owners.framesOf(plugin.get(), stack);
        String where = FrameOwners.hook(own)
                .or(() -> report.fatal() ? inHook(plugin.get(), inHooks) : Optional.empty())
                .map(hook -> "in " + hook + " of " + plugin.get())
                .orElse("in " + plugin.get() + " outside any hook (in a timer or I/O watch callback, or a thread "
                        + "of its own)");
        StringBuilder text = new StringBuilder(report.kind()).append(' ').append(where)
                .append(" (").append(report.sanitizer().tool()).append("): ").append(report.headline());
        List<StackFrame> shown = own.isEmpty() ? stack : own;
        if (!shown.isEmpty()) {
            text.append(report.sanitizer() == Sanitizer.LEAK ? " allocated at " : " at ").append(frames(shown));
        }
        report.details().forEach(detail -> text.append(", ").append(detail));
        text.append(whereTheMemoryCameFrom(report, owners, plugin.get()));
        if (report.sanitizer() == Sanitizer.LEAK) {
            text.append(" and never freed");
        }
        return Optional.of(text.append("; ").append(Remedy.of(report.kind(), api)).toString());
    }

    /** {@code ; freed at …; allocated at …}: the plugin's frames of an error's other stacks. */
    private static String whereTheMemoryCameFrom(SanitizerReport report, FrameOwners owners, String plugin) {
        StringBuilder text = new StringBuilder();
        for (SanitizerReport.Stack stack : report.stacks().subList(Math.min(1, report.stacks().size()),
                report.stacks().size())) {
            List<StackFrame> own = owners.framesOf(plugin, stack.frames());
            String what = stack.title().contains("freed by") ? "freed"
                    : stack.title().contains("allocated by") ? "allocated" : null;
            if (what != null && !own.isEmpty()) {
                text.append("; ").append(what).append(" at ").append(frames(own));
            }
        }
        return text.toString();
    }

    /**
     * The plugin a report is about: for an error the plugin nearest the top of its stack, else of another of
     * its stacks, else the one whose hook was running; for a direct leak the plugin that allocated; an
     * indirect leak is no one's (what points to it leaked, and is reported).
     */
    private static Optional<String> whose(SanitizerReport report, FrameOwners owners, List<CrashLog.InHook> inHooks) {
        if (!report.fatal()) {
            return report.kind().equals("leak") ? owners.allocatingPlugin(report.primaryStack()) : Optional.empty();
        }
        return report.stacks().stream().flatMap(stack -> owners.plugin(stack.frames()).stream()).findFirst()
                .or(() -> inHooks.stream().map(CrashLog.InHook::plugin).findFirst());
    }

    private static Optional<String> inHook(String plugin, List<CrashLog.InHook> inHooks) {
        return inHooks.stream().filter(call -> call.plugin().equals(plugin)).map(CrashLog.InHook::hook).findFirst();
    }

    private static String outsideThePlugins(SanitizerReport report) {
        List<StackFrame> top = report.primaryStack().subList(0, Math.min(3, report.primaryStack().size()));
        return report.kind() + " outside the plugins (" + report.sanitizer().tool() + "): " + report.headline()
                + (top.isEmpty() ? "" : " at " + frames(top));
    }

    private static String frames(List<StackFrame> frames) {
        return frames.stream().map(StackFrame::describe).collect(Collectors.joining(", called from "));
    }

    private static Set<String> pluginFiles(Path directory) {
        if (directory == null || !Files.isDirectory(directory)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".so"))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            return Set.of();
        }
    }
}
