package dev.mqkit.maven.assemble;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * A gzip-compressed POSIX ustar archive of plain files, at its top level or in
 * folders such as {@code lib/}, the form
 * {@code tar -xzf x-plugins.tar.gz -C /etc/mailerq/plugins} unpacks.
 * Reproducible: entries sorted by name in byte order (a folder's own entry
 * just before its files), one fixed mtime, owner root (uid and gid 0), mode
 * 0755, and gzip's own header carries no time, so the same files always give
 * the same bytes.
 */
public final class PluginArchive {

    private static final int BLOCK = 512;

    /** One file of the archive; its name is relative, folders separated by '/'. */
    public record Entry(String name, byte[] content) {
    }

    static final byte FILE = '0';
    static final byte FOLDER = '5';

    private PluginArchive() {
    }

    /**
     * The entries' mtime from Maven's {@code project.build.outputTimestamp}:
     * ISO 8601 or seconds since the epoch; the epoch itself when it is unset
     * or one character long (Maven's way of switching it off).
     */
    public static long mtimeOf(String outputTimestamp) {
        if (outputTimestamp == null || outputTimestamp.trim().length() < 2) {
            return 0;
        }
        String value = outputTimestamp.trim();
        if (value.matches("\\d+")) {
            return Long.parseLong(value);
        }
        try {
            return OffsetDateTime.parse(value).toEpochSecond();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("project.build.outputTimestamp '" + value + "' is neither "
                    + "ISO 8601 (2026-01-01T00:00:00Z) nor seconds since the epoch");
        }
    }

    /** The .tar.gz bytes of {@code entries}, whatever order they come in. */
    public static byte[] tarGz(List<Entry> entries, long mtimeSeconds) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            writeTar(entries, mtimeSeconds, gzip);
        }
        return bytes.toByteArray();
    }

    /** The uncompressed ustar stream. */
    public static void writeTar(List<Entry> entries, long mtimeSeconds, OutputStream out) throws IOException {
        List<Entry> sorted = entries.stream()
                .sorted((a, b) -> PluginDirectoryLayout.BYTE_ORDER.compare(a.name(), b.name()))
                .toList();
        Set<String> folders = new HashSet<>();
        for (Entry entry : sorted) {
            for (int slash = entry.name().indexOf('/'); slash > 0; slash = entry.name().indexOf('/', slash + 1)) {
                String folder = entry.name().substring(0, slash + 1);
                if (folders.add(folder)) {
                    out.write(header(folder, FOLDER, 0, mtimeSeconds));
                }
            }
            out.write(header(entry.name(), FILE, entry.content().length, mtimeSeconds));
            out.write(entry.content());
            int padding = (BLOCK - entry.content().length % BLOCK) % BLOCK;
            out.write(new byte[padding]);
        }
        // the end of the archive: two zero blocks
        out.write(new byte[2 * BLOCK]);
    }

    static byte[] header(String name, byte type, long size, long mtimeSeconds) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        String path = type == FOLDER ? name.substring(0, name.length() - 1) : name;
        if (nameBytes.length > 100 || path.isEmpty() || path.startsWith("/") || path.endsWith("/")
                || Arrays.stream(path.split("/")).anyMatch(part -> part.isEmpty() || part.equals("..")
                || part.equals("."))) {
            throw new IllegalArgumentException("'" + name + "' cannot be a ustar entry name (1 to 100 bytes, "
                    + "relative, no empty, '.' or '..' folder)");
        }
        if (mtimeSeconds < 0 || mtimeSeconds > 077777777777L) {
            throw new IllegalArgumentException("mtime " + mtimeSeconds + " does not fit a ustar header");
        }
        if (size > 077777777777L) {
            throw new IllegalArgumentException(name + " is larger than a ustar entry can hold (8 GiB)");
        }
        byte[] header = new byte[BLOCK];
        put(header, 0, nameBytes);
        octal(header, 100, 8, 0755);
        octal(header, 108, 8, 0);
        octal(header, 116, 8, 0);
        octal(header, 124, 12, size);
        octal(header, 136, 12, mtimeSeconds);
        Arrays.fill(header, 148, 156, (byte) ' ');
        header[156] = type;
        put(header, 257, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        put(header, 263, "00".getBytes(StandardCharsets.US_ASCII));
        put(header, 265, "root".getBytes(StandardCharsets.US_ASCII));
        put(header, 297, "root".getBytes(StandardCharsets.US_ASCII));
        octal(header, 329, 8, 0);
        octal(header, 337, 8, 0);
        long checksum = 0;
        for (byte b : header) {
            checksum += b & 0xff;
        }
        // six octal digits, NUL, space: the form every tar writes
        byte[] digits = String.format("%06o", checksum).getBytes(StandardCharsets.US_ASCII);
        put(header, 148, digits);
        header[154] = 0;
        header[155] = ' ';
        return header;
    }

    private static void octal(byte[] header, int offset, int length, long value) {
        String digits = String.format("%0" + (length - 1) + "o", value);
        put(header, offset, digits.getBytes(StandardCharsets.US_ASCII));
        header[offset + length - 1] = 0;
    }

    private static void put(byte[] header, int offset, byte[] value) {
        System.arraycopy(value, 0, header, offset, value.length);
    }
}
