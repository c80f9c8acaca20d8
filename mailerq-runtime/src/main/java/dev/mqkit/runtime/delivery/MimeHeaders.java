package dev.mqkit.runtime.delivery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The header section of a MIME text, unfolded: what 4.0+ results show as {@code extracted}. Names are
 * lower-cased; of a repeated header the first value is kept (MailerQ's docs show one value per name).
 */
final class MimeHeaders {
    private final Map<String, String> headers = new LinkedHashMap<>();

    MimeHeaders(String mime) {
        String name = null;
        StringBuilder value = new StringBuilder();
        // line by line up to the empty line that ends the header section: the body is not looked at
        for (int at = 0, next; at >= 0; at = next) {
            int newline = mime.indexOf('\n', at);
            next = newline < 0 ? -1 : newline + 1;
            int end = newline < 0 ? mime.length() : newline;
            String line = mime.substring(at, end > at && mime.charAt(end - 1) == '\r' ? end - 1 : end);
            if (line.isEmpty()) {
                break;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
                value.append(' ').append(line.strip());
                continue;
            }
            if (name != null) {
                headers.putIfAbsent(name, value.toString());
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                name = null; // not a header line: skipped, as a lenient reader does
                continue;
            }
            name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            value.setLength(0);
            value.append(line.substring(colon + 1).strip());
        }
        if (name != null) {
            headers.putIfAbsent(name, value.toString());
        }
    }

    /** Every header, name (lower case) to unfolded value, in the MIME's order. */
    Map<String, String> all() {
        return headers;
    }

    /** The value of header {@code name} (any case), or null. */
    String get(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * The addresses of an address-list header value: {@code "Bob" <bob@x>, carol@y} gives bob@x and carol@y.
     * Commas inside quotes or angle brackets do not split; a group's name ({@code team: a@x;}) is dropped.
     */
    static List<String> addresses(String value) {
        List<String> addresses = new ArrayList<>();
        if (value == null) {
            return addresses;
        }
        StringBuilder item = new StringBuilder();
        boolean quoted = false;
        int angle = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' && (i == 0 || value.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && c == '<') {
                angle++;
            } else if (!quoted && c == '>' && angle > 0) {
                angle--;
            } else if (!quoted && angle == 0 && (c == ',' || c == ';')) {
                addAddress(item.toString(), addresses);
                item.setLength(0);
                continue;
            } else if (!quoted && angle == 0 && c == ':') {
                item.setLength(0); // group name
                continue;
            }
            item.append(c);
        }
        addAddress(item.toString(), addresses);
        return addresses;
    }

    private static void addAddress(String item, List<String> addresses) {
        String text = item.strip();
        int open = text.lastIndexOf('<');
        int close = text.lastIndexOf('>');
        if (open >= 0 && close > open) {
            text = text.substring(open + 1, close).strip();
        } else if (text.indexOf('(') > 0) {
            text = text.substring(0, text.indexOf('(')).strip(); // a trailing comment
        }
        if (!text.isEmpty()) {
            addresses.add(text);
        }
    }
}
