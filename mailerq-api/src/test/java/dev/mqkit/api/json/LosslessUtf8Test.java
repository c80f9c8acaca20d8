package dev.mqkit.api.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LosslessUtf8Test {

    @Test
    void utf8IsTextAndOtherBytesAreEscapes() {
        assertEquals("naïve 東京 🙂", LosslessUtf8.toText("naïve 東京 🙂".getBytes(StandardCharsets.UTF_8)));
        assertEquals("caf\udce9", LosslessUtf8.toText("caf\u00e9".getBytes(StandardCharsets.ISO_8859_1)));
        // overlong, a surrogate encoded, beyond U+10FFFF, a cut-off sequence: each byte escaped
        assertEquals("\udcc0\udcaf \udced\udca0\udc80 \udcf4\udc90\udc80\udc80 \udce2\udc82",
                LosslessUtf8.toText(new byte[] {(byte) 0xc0, (byte) 0xaf, ' ', (byte) 0xed, (byte) 0xa0, (byte) 0x80, ' ',
                        (byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80, ' ', (byte) 0xe2, (byte) 0x82}));
    }

    @Test
    void anyBytesComeBackExactly() {
        Random random = new Random(15);
        for (int i = 0; i < 2000; i++) {
            byte[] bytes = new byte[random.nextInt(64)];
            random.nextBytes(bytes);
            assertArrayEquals(bytes, LosslessUtf8.toBytes(LosslessUtf8.toText(bytes)), () -> java.util.HexFormat.of().formatHex(bytes));
        }
    }

    @Test
    void textThatCannotBeBytesGetsAReplacementCharacter() {
        assertArrayEquals("a\ufffdb".getBytes(StandardCharsets.UTF_8), LosslessUtf8.toBytes("a\ud800b"));
    }
}
