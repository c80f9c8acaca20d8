package dev.mqkit.maven.compile;

import dev.mqkit.maven.io.FileContent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * target/compile_commands.json, the compilation database clangd and IDEs read.
 * Rewritten only when its content changes, so tools watching it are not
 * disturbed by no-change builds.
 */
final class CompileCommandsJson {

    private CompileCommandsJson() {
    }

    public static String render(Collection<CompileCommand> commands) {
        return commands.stream().map(CompileCommandsJson::entry)
                .collect(Collectors.joining(",\n", "[\n", "\n]\n"));
    }

    /** Writes the database; returns whether the file changed. */
    public static boolean write(Path file, Collection<CompileCommand> commands) throws IOException {
        return FileContent.writeIfChanged(file, render(commands).getBytes(StandardCharsets.UTF_8));
    }

    private static String entry(CompileCommand command) {
        List<String> arguments = command.arguments().stream().map(CompileCommandsJson::quote).toList();
        return "  {\n"
                + "    \"directory\": " + quote(command.directory().toString()) + ",\n"
                + "    \"file\": " + quote(command.source().path().toString()) + ",\n"
                + "    \"output\": " + quote(command.object().toString()) + ",\n"
                + "    \"arguments\": [" + String.join(", ", arguments) + "]\n"
                + "  }";
    }

    static String quote(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
