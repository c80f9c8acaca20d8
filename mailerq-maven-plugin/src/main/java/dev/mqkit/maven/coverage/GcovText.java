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

    private static final class Reader {

        private final CoverageBuilder builder;
        private String path;
        private final List<String> pendingFunctions = new ArrayList<>();
        private final List<Long> pendingCalls = new ArrayList<>();
        private final List<long[]> functionsOfFile = new ArrayList<>();
        private final List<String> functionNames = new ArrayList<>();
        private int lastExecutable;
        private int number = -1;
        private long count;
        private List<Long> branches = new ArrayList<>();

        Reader(CoverageBuilder builder) {
            this.builder = builder;
        }

        void read(String report) {
            for (String text : report.split("\n")) {
                Matcher line = LINE.matcher(text);
                if (line.matches()) {
                    int lineNumber = Integer.parseInt(line.group(2));
                    if (lineNumber == 0) {
                        if (line.group(3).startsWith("Source:")) {
                            endFile();
                            path = builder.counted(line.group(3).substring("Source:".length()));
                        }
                        continue;
                    }
                    endLine();
                    if (!line.group(1).equals("-")) {
                        number = lineNumber;
                        count = line.group(1).startsWith("#") || line.group(1).startsWith("=") ? 0
                                : Long.parseLong(line.group(1));
                        lastExecutable = lineNumber;
                        for (String name : pendingFunctions) {
                            functionNames.add(name);
                            functionsOfFile.add(new long[] {lineNumber, pendingCalls.remove(0)});
                        }
                        pendingFunctions.clear();
                    }
                    continue;
                }
                Matcher function = FUNCTION.matcher(text);
                if (function.matches()) {
                    pendingFunctions.add(function.group(1));
                    pendingCalls.add(Long.parseLong(function.group(2)));
                    continue;
                }
                Matcher branch = BRANCH.matcher(text);
                if (branch.matches() && number > 0) {
                    branches.add(branch.group(1) == null ? 0 : Long.parseLong(branch.group(1)));
                }
            }
            endFile();
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
                for (int i = 0; i < functionsOfFile.size(); i++) {
                    int first = (int) functionsOfFile.get(i)[0];
                    int next = functionsOfFile.stream().mapToInt(f -> (int) f[0]).filter(l -> l > first).min()
                            .orElse(lastExecutable + 1);
                    builder.function(path, new FunctionCoverage(functionNames.get(i), first, next - 1,
                            functionsOfFile.get(i)[1]));
                }
            }
            functionsOfFile.clear();
            functionNames.clear();
            pendingFunctions.clear();
            pendingCalls.clear();
            lastExecutable = 0;
            path = null;
        }
    }
}
