package dev.mqkit.runtime.smtp.server;

import dev.mqkit.api.json.LosslessUtf8;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code x-mq-*} header fields of a received body (MailerQ's delivery properties as headers),
 * and the body's text without them. Only the header section is read, up to the first empty line
 * (or the first line that is neither a field nor a folded continuation), so a large body costs no
 * more than its headers: its bytes are not copied until the text is made, once. A field is cut out
 * with its continuation lines and their CRLFs; every other byte stays as it was.
 */
final class MqHeaderFields {
    /** One field: its name after {@code x-mq-} in lower case ({@code normalize} for 3.0's {@code x-normalize}), its value unfolded and trimmed. */
    record Field(String name, String value) {
    }

    private static final String PREFIX = "x-mq-";
    /**
     * 3.0 documents the normalize header as {@code x-normalize: 1}
     * (<a href="https://www.mailerq.com/documentation/3.0/delivery-properties">3.0/delivery-properties</a>).
     */
    private static final String NORMALIZE_30 = "x-normalize";

    private final List<Field> fields;
    /** Start and end (exclusive) of each cut-out field, in body order. */
    private final List<int[]> cuts;

    private MqHeaderFields(List<Field> fields, List<int[]> cuts) {
        this.fields = List.copyOf(fields);
        this.cuts = cuts;
    }

    /**
     * The x-mq-* fields in the header section of {@code body} (from its position to its limit).
     *
     * @param normalize30 whether {@code x-normalize} counts too (MailerQ 3.0)
     */
    static MqHeaderFields find(ByteBuffer body, boolean normalize30) {
        List<Field> fields = new ArrayList<>();
        List<int[]> cuts = new ArrayList<>();
        int limit = body.limit();
        int at = body.position();
        int fieldStart = -1;
        String fieldName = null;
        while (at < limit) {
            int end = lineEnd(body, at, limit);
            byte first = body.get(at);
            boolean continuation = first == ' ' || first == '\t';
            if (!continuation) {
                if (fieldName != null) {
                    addField(body, fieldStart, at, fieldName, fields, cuts);
                    fieldName = null;
                }
                int colon = nameEnd(body, at, end);
                if (colon < 0) {
                    break; // the empty line, or a line that is not a field: the header section ends
                }
                String name = ascii(body, at, colon).toLowerCase(Locale.ROOT);
                if (name.startsWith(PREFIX) && name.length() > PREFIX.length()) {
                    fieldName = name.substring(PREFIX.length());
                } else if (normalize30 && name.equals(NORMALIZE_30)) {
                    fieldName = "normalize";
                }
                fieldStart = at;
            } else if (fieldStart < 0) {
                break; // a body that starts with white space has no header section
            }
            at = end;
        }
        if (fieldName != null) {
            addField(body, fieldStart, at, fieldName, fields, cuts);
        }
        return new MqHeaderFields(fields, cuts);
    }

    /** The fields found, in body order. */
    List<Field> fields() {
        return fields;
    }

    /** The text of {@code body} without the fields (see {@link LosslessUtf8}); the body's text as it is when none were found. */
    String mimeWithout(ByteBuffer body) {
        List<ByteBuffer> parts = new ArrayList<>(cuts.size() + 1);
        int kept = body.position();
        for (int[] cut : cuts) {
            parts.add(body.slice(kept, cut[0] - kept));
            kept = cut[1];
        }
        parts.add(body.slice(kept, body.limit() - kept));
        return LosslessUtf8.toText(parts);
    }

    private static void addField(ByteBuffer body, int start, int end, String name, List<Field> fields, List<int[]> cuts) {
        String raw = LosslessUtf8.toText(body.slice(start, end - start));
        String value = raw.substring(raw.indexOf(':') + 1).replaceAll("\r?\n(?=[ \t])", "").strip();
        fields.add(new Field(name, value));
        cuts.add(new int[] {start, end});
    }

    /** The index after the line's LF (or the limit when the last line has none). */
    private static int lineEnd(ByteBuffer body, int from, int limit) {
        for (int i = from; i < limit; i++) {
            if (body.get(i) == '\n') {
                return i + 1;
            }
        }
        return limit;
    }

    /** The index of the colon after a field name (printable US-ASCII but colon, RFC 5322 2.2), or -1. */
    private static int nameEnd(ByteBuffer body, int from, int end) {
        for (int i = from; i < end; i++) {
            int b = body.get(i) & 0xff;
            if (b == ':') {
                return i > from ? i : -1;
            }
            if (b < 33 || b > 126) {
                return -1;
            }
        }
        return -1;
    }

    private static String ascii(ByteBuffer body, int from, int to) {
        char[] chars = new char[to - from];
        for (int i = from; i < to; i++) {
            chars[i - from] = (char) body.get(i);
        }
        return new String(chars);
    }
}
