package dev.mqkit.maven.coverage;

/**
 * A function of a source and how often it was called; its lines are {@code firstLine} to {@code lastLine}.
 *
 * @param name the demangled name
 */
public record FunctionCoverage(String name, int firstLine, int lastLine, long calls) {
}
