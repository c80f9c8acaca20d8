package dev.mqkit.harness.sanitize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the reports of AddressSanitizer, LeakSanitizer and UndefinedBehaviorSanitizer out of a process's
 * stderr, among whatever else it wrote there, in the layout they print with {@link SanitizerEnvironment}'s
 * options.
 */
public final class SanitizerOutput {

    private static final Pattern PID = Pattern.compile("^==\\d+==");
    private static final Pattern ASAN_ERROR = Pattern.compile("^ERROR: AddressSanitizer: (?:attempting )?(\\S+)(.*)$");
    private static final Pattern ADDRESS_TAIL = Pattern.compile(" (?:on|at) (?:unknown )?(?:address )?0x\\p{XDigit}+.*$");
    private static final String LEAKS = "ERROR: LeakSanitizer: detected memory leaks";
    private static final Pattern LEAK = Pattern.compile(
            "^(Direct|Indirect) leak of (\\d+ byte\\(s\\) in \\d+ object\\(s\\)) allocated from:");
    private static final Pattern UBSAN = Pattern.compile("^(\\S.*?): runtime error: (.*)$");
    private static final Pattern SUMMARY = Pattern.compile("^SUMMARY: \\w+: (\\S+)");
    private static final Pattern ACCESS = Pattern.compile("^((?:READ|WRITE) of size \\d+) at 0x\\p{XDigit}+");
    private static final Pattern LOCATED = Pattern.compile("^0x\\p{XDigit}+ is located (.+?)(?: \\[0x.*)?$");

    private SanitizerOutput() {}

    /** The reports in a file of output; none when it does not exist. */
    public static List<SanitizerReport> read(Path file) {
        try {
            return Files.exists(file) ? parse(Files.readAllLines(file, StandardCharsets.UTF_8)) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The reports in these lines of output, in the order they came. */
    public static List<SanitizerReport> parse(List<String> lines) {
        List<SanitizerReport> reports = new ArrayList<>();
        Report current = null;
        boolean inLeaks = false;
        for (String raw : lines) {
            String line = PID.matcher(raw).replaceFirst("");
            Matcher asan = ASAN_ERROR.matcher(line);
            Matcher leak = LEAK.matcher(line);
            Matcher ubsan = UBSAN.matcher(line);
            if (asan.matches()) {
                finish(current, reports);
                String headline = ADDRESS_TAIL.matcher(line.substring("ERROR: AddressSanitizer: ".length()))
                        .replaceFirst("");
                current = new Report(Sanitizer.ADDRESS, asan.group(1), headline);
                current.title(line);
                inLeaks = false;
            } else if (line.startsWith(LEAKS)) {
                finish(current, reports);
                current = null;
                inLeaks = true;
            } else if (inLeaks && leak.find()) {
                finish(current, reports);
                current = new Report(Sanitizer.LEAK, leak.group(1).equals("Direct") ? "leak" : "indirect-leak",
                        leak.group(2));
                current.title("allocated from");
            } else if (ubsan.matches() && StackFrame.parse(line).isEmpty()) {
                finish(current, reports);
                current = new Report(Sanitizer.UNDEFINED, UndefinedBehaviorKinds.of(ubsan.group(2)),
                        "runtime error: " + ubsan.group(2));
                current.location = ubsan.group(1);
                current.title(line);
                inLeaks = false;
            } else if (current != null) {
                current = read(current, line, reports);
            } else if (inLeaks && SUMMARY.matcher(line).find()) {
                inLeaks = false;
            }
        }
        finish(current, reports);
        return reports;
    }

    /** One more line of the report being read; null once it ended. */
    private static Report read(Report current, String line, List<SanitizerReport> reports) {
        var frame = StackFrame.parse(line);
        Matcher summary = SUMMARY.matcher(line);
        if (frame.isPresent()) {
            current.frame(frame.get());
        } else if (summary.find()) {
            if (current.sanitizer != Sanitizer.LEAK) {
                current.kind = summary.group(1);
            }
            finish(current, reports);
            return null;
        } else if (line.isBlank()) {
            current.endStack();
            if (current.sanitizer == Sanitizer.LEAK) {
                finish(current, reports);
                return null;
            }
        } else {
            Matcher access = ACCESS.matcher(line);
            Matcher located = LOCATED.matcher(line);
            if (access.find()) {
                current.headline = access.group(1);
            } else if (located.matches()) {
                current.details.add(located.group(1));
            }
            current.title(line);
        }
        return current;
    }

    private static void finish(Report report, List<SanitizerReport> reports) {
        if (report != null) {
            reports.add(report.build());
        }
    }

    /** A report while it is read. */
    private static final class Report {
        private final Sanitizer sanitizer;
        private String kind;
        private String headline;
        private String location;
        private final List<String> details = new ArrayList<>();
        private final List<SanitizerReport.Stack> stacks = new ArrayList<>();
        private String title = "";
        private List<StackFrame> frames;

        Report(Sanitizer sanitizer, String kind, String headline) {
            this.sanitizer = sanitizer;
            this.kind = kind;
            this.headline = headline;
        }

        /** The line that says what the frames after it are. */
        void title(String line) {
            endStack();
            title = line.trim();
        }

        void frame(StackFrame frame) {
            if (frames == null) {
                frames = new ArrayList<>();
            }
            frames.add(frame);
        }

        void endStack() {
            if (frames != null) {
                stacks.add(new SanitizerReport.Stack(title, List.copyOf(frames)));
                frames = null;
            }
        }

        SanitizerReport build() {
            endStack();
            if (stacks.isEmpty() && location != null) {
                // no stack printed (it could not be unwound): the error's own file and line at least
                stacks.add(new SanitizerReport.Stack(title, List.of(StackFrame.at(location))));
            }
            return new SanitizerReport(sanitizer, kind, headline, List.copyOf(details), List.copyOf(stacks));
        }
    }
}
