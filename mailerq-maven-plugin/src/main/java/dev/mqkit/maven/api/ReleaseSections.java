package dev.mqkit.maven.api;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines of a header (comments already removed) that the C preprocessor
 * keeps for one {@code MQ_MAILERQ_VERSION}: {@code #if}/{@code #elif}
 * conditions made only of comparisons of MQ_MAILERQ_VERSION with numbers,
 * joined by {@code &&} or {@code ||}, are evaluated; every other condition
 * keeps all its branches, as declarations under {@code __cplusplus} or an
 * include guard are the same either way.
 */
final class ReleaseSections {

    private static final Pattern DIRECTIVE = Pattern.compile("^\\s*#\\s*(if|ifdef|ifndef|elif|else|endif)\\b(.*)$");
    private static final Pattern COMPARISON =
            Pattern.compile("\\s*\\(?\\s*MQ_MAILERQ_VERSION\\s*(>=|<=|==|!=|<|>)\\s*(\\d+)\\s*\\)?\\s*");

    /** One #if … #endif: whether its enclosing text is kept, whether a branch was taken, whether it is known. */
    private static final class Section {
        final boolean outerActive;
        final boolean known;
        boolean taken;
        boolean active;

        Section(boolean outerActive, Boolean condition) {
            this.outerActive = outerActive;
            this.known = condition != null;
            this.taken = condition == null || condition;
            this.active = outerActive && this.taken;
        }
    }

    private ReleaseSections() {
    }

    static String select(String header, int macro) {
        StringBuilder kept = new StringBuilder();
        Deque<Section> sections = new ArrayDeque<>();
        for (String line : header.split("\n", -1)) {
            boolean active = sections.isEmpty() || sections.peek().active;
            Matcher directive = DIRECTIVE.matcher(line);
            if (directive.matches()) {
                String condition = directive.group(2);
                switch (directive.group(1)) {
                    case "if" -> sections.push(new Section(active, evaluate(condition, macro)));
                    case "ifdef", "ifndef" -> sections.push(new Section(active, null));
                    case "elif" -> branch(sections, evaluate(condition, macro));
                    case "else" -> branch(sections, Boolean.TRUE);
                    case "endif" -> sections.poll();
                    default -> throw new IllegalStateException(line);
                }
                continue;
            }
            if (active) {
                kept.append(line).append('\n');
            }
        }
        return kept.toString();
    }

    private static void branch(Deque<Section> sections, Boolean condition) {
        Section section = sections.peek();
        if (section == null) {
            return;
        }
        if (!section.known || condition == null) {
            section.active = section.outerActive;
            return;
        }
        section.active = section.outerActive && !section.taken && condition;
        section.taken |= condition;
    }

    /** The value of a condition on MQ_MAILERQ_VERSION, or null when it tests anything else. */
    static Boolean evaluate(String condition, int macro) {
        boolean any = false;
        for (String alternative : condition.split("\\|\\|")) {
            boolean all = true;
            for (String term : alternative.split("&&")) {
                Matcher m = COMPARISON.matcher(term);
                if (!m.matches()) {
                    return null;
                }
                all &= compare(macro, m.group(1), Integer.parseInt(m.group(2)));
            }
            any |= all;
        }
        return any;
    }

    private static boolean compare(int macro, String operator, int value) {
        switch (operator) {
            case ">=": return macro >= value;
            case "<=": return macro <= value;
            case "==": return macro == value;
            case "!=": return macro != value;
            case "<": return macro < value;
            default: return macro > value;
        }
    }
}
