package dev.mqkit.api.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A MailerQ config.txt: one {@code key: value} per line, any padding around the colon; blank lines are skipped.
 * MailerQ documents no comments; as its Webhook's sample has them, a line whose first non-blank character is
 * {@code #} is one, and so is the rest of a line from a {@code #} that follows white space (a value such as
 * {@code se#cret} keeps its {@code #}).
 */
public final class ConfigFile {
    private ConfigFile() {}

    /** The entries of {@code file}, in order. */
    public static List<ConfigEntry> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read config file: " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** The entries of {@code text}; {@code source} names it in errors ({@code source:line}). */
    public static List<ConfigEntry> parse(String text, String source) {
        List<ConfigEntry> entries = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNumber = i + 1;
            String line = stripComment(lines[i]).trim();
            if (line.isEmpty()) {
                continue;
            }
            String where = source + ":" + lineNumber;
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new ConfigException(where + ": expected 'key: value' but found '" + line + "'");
            }
            entries.add(new ConfigEntry(ConfigEntry.Origin.FILE, line.substring(0, colon).trim(),
                    line.substring(colon + 1).trim(), where, lineNumber));
        }
        return entries;
    }

    private static String stripComment(String line) {
        String trimmed = line.stripLeading();
        if (trimmed.startsWith("#")) {
            return "";
        }
        for (int i = 1; i < line.length(); i++) {
            if (line.charAt(i) == '#' && Character.isWhitespace(line.charAt(i - 1))) {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
