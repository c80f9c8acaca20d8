package dev.mqkit.runtime.host;

import java.util.List;

/** Why the host refused to start: every plugin problem found, each naming its file and the fix. */
public final class PluginLoadException extends RuntimeException {

    private final List<String> problems;

    PluginLoadException(List<String> problems) {
        super(problems.size() == 1 ? problems.get(0)
                : "the plugins cannot be loaded:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One sentence per problem. */
    public List<String> problems() {
        return problems;
    }
}
