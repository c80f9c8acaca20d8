package dev.mqkit.runtime.delivery;

import java.io.ByteArrayOutputStream;

/**
 * The body of an SMTP DATA transfer (RFC 5321 4.5.2): every line ends with CRLF (bare LF becomes
 * CRLF), a line starting with {@code .} gets another {@code .} in front, and the body ends with a
 * line end so the terminating {@code .} line can follow. Bare CR is left alone.
 */
public final class DotStuffing {
    private DotStuffing() {
    }

    public static byte[] stuff(byte[] mime) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(mime.length + mime.length / 64 + 8);
        boolean lineStart = true;
        for (int i = 0; i < mime.length; i++) {
            byte b = mime[i];
            if (lineStart && b == '.') {
                out.write('.');
            }
            if (b == '\n') {
                out.write('\r');
                out.write('\n');
                lineStart = true;
            } else if (b == '\r' && i + 1 < mime.length && mime[i + 1] == '\n') {
                out.write('\r');
                out.write('\n');
                i++;
                lineStart = true;
            } else {
                out.write(b);
                lineStart = false;
            }
        }
        if (!lineStart) {
            out.write('\r');
            out.write('\n');
        }
        return out.toByteArray();
    }
}
