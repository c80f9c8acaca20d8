package dev.mqkit.smtp;

import dev.mqkit.api.json.LosslessUtf8;

/**
 * Text a client sent, made safe to echo in a reply or to write to a log: printable ASCII stays,
 * every other byte becomes {@code \xNN} (so CR, LF, NUL, escape sequences and 8-bit bytes can
 * neither end a reply line early nor forge a log line). The text is as {@link SmtpInputDecoder}
 * hands it out, bytes that are not UTF-8 being {@link LosslessUtf8} escapes.
 */
public final class ClientText {
    private ClientText() {
    }

    /** {@code text} with anything but printable ASCII as {@code \xNN}, byte by byte. */
    public static String escaped(String text) {
        if (text == null) {
            return "null";
        }
        if (printable(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (byte b : LosslessUtf8.toBytes(text)) {
            int c = b & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '\\') {
                out.append((char) c);
            } else {
                out.append(String.format("\\x%02x", c));
            }
        }
        return out.toString();
    }

    /** Whether the line holds a CR or a NUL, which no command may hold (LF ends a line). */
    public static boolean hasForbiddenControl(String line) {
        return line.indexOf('\r') >= 0 || line.indexOf('\0') >= 0 || line.indexOf('\n') >= 0;
    }

    private static boolean printable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
