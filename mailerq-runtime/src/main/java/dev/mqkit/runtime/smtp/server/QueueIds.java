package dev.mqkit.runtime.smtp.server;

import java.security.SecureRandom;

/** Makes the ids messages are queued under: 16 characters of Crockford base32, random. */
final class QueueIds {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private QueueIds() {
    }

    static String next() {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        char[] out = new char[16];
        long bits = 0;
        int count = 0;
        int at = 0;
        for (byte b : bytes) {
            bits = (bits << 8) | (b & 0xff);
            count += 8;
            while (count >= 5) {
                count -= 5;
                out[at++] = ALPHABET[(int) (bits >>> count) & 31];
            }
        }
        return new String(out);
    }
}
