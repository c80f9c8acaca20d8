package dev.mqkit.maven.coverage;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads gcov's text format as {@code llvm-cov gcov -b -c -m -t} writes it for clang's objects (llvm-cov has no
 * JSON): per source a {@code Source:} header, then each line as {@code count:number:text}, where {@code -} is
 * a line without code and {@code #####} one that never ran, {@code function NAME called N ...} before a
 * function's first line and {@code branch N taken M} (or {@code never executed}) after a line. A function's last
 * line is the one before the next function's, or the source's last executable line.
 */
public final class GcovText {

    private static final Pattern LINE = Pattern.compile("^\\s*(-|#####|=====|\\d+)\\*?:\\s*(\\d+):(.*)$");
    private static final Pattern FUNCTION = Pattern.compile("^function (.+) called (\\d+) returned .*$");
    private static final Pattern BRANCH = Pattern.compile("^branch\\s+\\d+\\s+(?:taken (\\d+)|never executed).*$");

    private GcovText() {
    }

    /** Adds the sources of one object's report that the builder counts. */
    public static void read(String report, CoverageBuilder builder) {
        new Reader(builder).read(report);
    }

    /** A function as its header line gives it; its first line is the next line with code. */
    private record Declared(String name, long calls) {
    }

    private static final class Reader {

        private final CoverageBuilder builder;
        /** The counted source being read, or null. */
        private String path;
        private final List<Declared> pending = new ArrayList<>();
        private final List<Declared> declared = new ArrayList<>();
        private final List<Integer> firstLines = new ArrayList<>();
        private int lastExecutable;
        /** The line whose branches may follow, or -1. */
        private int number = -1;
        private long count;
        private List<Long> branches = new ArrayList<>();

        Reader(CoverageBuilder builder) {
            this.builder = builder;
        }

        void read(String report) {
            for (String text : report.split("\n")) {
                Matcher line = LINE.matcher(text);
                Matcher function = FUNCTION.matcher(text);
                Matcher branch = BRANCH.matcher(text);
                if (line.matches()) {
                    line(line.group(1), Integer.parseInt(line.group(2)), line.group(3));
                } else if (function.matches()) {
                    pending.add(new Declared(function.group(1), Long.parseLong(function.group(2))));
                } else if (branch.matches() && number > 0) {
                    branches.add(branch.group(1) == null ? 0 : Long.parseLong(branch.group(1)));
                }
            }
            endFile();
        }

        private void line(String counted, int lineNumber, String text) {
            if (lineNumber == 0) {
                if (text.startsWith("Source:")) {
                    endFile();
                    path = builder.counted(text.substring("Source:".length()));
                }
                return;
            }
            endLine();
            if (counted.equals("-")) {
                return;
            }
            number = lineNumber;
            count = counted.startsWith("#") || counted.startsWith("=") ? 0 : Long.parseLong(counted);
            lastExecutable = lineNumber;
            for (Declared function : pending) {
                declared.add(function);
                firstLines.add(lineNumber);
            }
            pending.clear();
        }

        private void endLine() {
            if (path != null && number > 0) {
                builder.line(path, "", number, count, branches);
            }
            number = -1;
            branches = new ArrayList<>();
        }

        private void endFile() {
            endLine();
            if (path != null) {
                for (int i = 0; i < declared.size(); i++) {
                    int first = firstLines.get(i);
                    int next = firstLines.stream().mapToInt(Integer::intValue).filter(l -> l > first).min()
                            .orElse(lastExecutable + 1);
                    builder.function(path, new FunctionCoverage(declared.get(i).name(), first, next - 1,
                            declared.get(i).calls()));
                }
            }
            declared.clear();
            firstLines.clear();
            pending.clear();
            lastExecutable = 0;
            path = null;
        }
    }
}
