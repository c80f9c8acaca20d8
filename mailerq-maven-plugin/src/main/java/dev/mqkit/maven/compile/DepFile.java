package dev.mqkit.maven.compile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the make rule that gcc and clang write with -MMD: the object, a colon,
 * then the source and every header it included, with backslash-newline
 * continuations and backslash-escaped spaces.
 */
public final class DepFile {

    private DepFile() {
    }

    /** The prerequisites of the first rule, resolved against {@code directory}. */
    public static List<Path> prerequisites(String text, Path directory) {
        List<String> words = words(text.replace("\\\r\n", " ").replace("\\\n", " "));
        List<Path> files = new ArrayList<>();
        boolean afterColon = false;
        for (String word : words) {
            if (!afterColon) {
                if (word.endsWith(":")) {
                    afterColon = true;
                    String rest = word.substring(0, word.length() - 1);
                    if (rest.isEmpty()) {
                        continue;
                    }
                }
                continue;
            }
            if (word.endsWith(":")) {
                break; // a second rule (phony targets of -MP) begins
            }
            files.add(directory.resolve(word).normalize());
        }
        return files;
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && (text.charAt(i + 1) == ' ' || text.charAt(i + 1) == '#')) {
                word.append(text.charAt(++i));
            } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '$') {
                word.append('$');
                i++;
            } else if (Character.isWhitespace(c)) {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }
}
