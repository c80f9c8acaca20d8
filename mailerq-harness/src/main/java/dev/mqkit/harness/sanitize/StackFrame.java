package dev.mqkit.harness.sanitize;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One frame of a sanitizer's stack trace, as {@link #FORMAT} prints it:
 * {@code #1 0x7f5e1003212 in mq_smtp_in_connect ./src/main/c/leak.c:8 (/path/20-leak.so+0x1212)}.
 *
 * @param function the function, {@code <null>} when unknown (JIT-compiled Java code)
 * @param file     the source file as the debug information names it ({@code ./} stripped), or null
 * @param line     its line, 0 when unknown
 * @param module   the shared object's path, or null for code in no module (the JVM's generated code)
 */
public record StackFrame(String function, String file, int line, Path module) {

    /** The sanitizers' {@code stack_trace_format}: function, file:line[:column], and always the module. */
    public static final String FORMAT = "    #%n %p in %f %S (%m+%o)";

    private static final Pattern FRAME = Pattern.compile("^\\s*#\\d+ 0x\\p{XDigit}+ in (.+) (\\S+) \\((.*)\\+0x\\p{XDigit}+\\)\\s*$");
    private static final Pattern LOCATION = Pattern.compile("^(.+?):(\\d+)(?::\\d+)?$");
    private static final String UNKNOWN = "<null>";

    /** The frame of a line of a report, if it is one. */
    public static Optional<StackFrame> parse(String line) {
        Matcher frame = FRAME.matcher(line);
        if (!frame.matches()) {
            return Optional.empty();
        }
        String module = frame.group(3);
        return Optional.of(at(frame.group(1), frame.group(2),
                module.isEmpty() || module.equals(UNKNOWN) ? null : Path.of(module)));
    }

    /** A frame known only by its {@code file:line[:column]}, as an UndefinedBehaviorSanitizer error names it. */
    public static StackFrame at(String location) {
        return at(UNKNOWN, location, null);
    }

    private static StackFrame at(String function, String location, Path module) {
        String file = location.equals(UNKNOWN) ? null : location;
        int number = 0;
        Matcher numbered = LOCATION.matcher(location);
        if (numbered.matches()) {
            file = numbered.group(1);
            number = Integer.parseInt(numbered.group(2));
        }
        if (file != null) {
            // the plugin build maps the project directory to ".": ./src/main/c/x.c is the project's own file
            file = Path.of(file).normalize().toString();
        }
        return new StackFrame(function, file, number, module);
    }

    /** The module's file name, e.g. {@code 20-leak.so}, or null. */
    public String moduleName() {
        return module == null ? null : module.getFileName().toString();
    }

    /** {@code src/main/c/leak.c:8 (mq_smtp_in_connect)}, or the module and function when there is no line. */
    public String describe() {
        String where = file == null ? (module == null ? "?" : moduleName()) : line > 0 ? file + ":" + line : file;
        return where + " (" + function + ")";
    }
}
