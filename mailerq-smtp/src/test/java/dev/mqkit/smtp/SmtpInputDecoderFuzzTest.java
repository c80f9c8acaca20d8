package dev.mqkit.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import dev.mqkit.api.json.LosslessUtf8;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzes the command-line decoder with bytes cut into arbitrary reads: whatever comes, it never
 * throws, hands out exactly one input per LF, each a line whose text gives back the line's bytes
 * (CR before the LF dropped) or, past the limit, a LineTooLong. A fixed seed in CI, and a random
 * seed that jqwik prints when it fails.
 */
class SmtpInputDecoderFuzzTest {
    private static final int MAX_LINE = 512;

    @Property(tries = 300, seed = "1515")
    void fixedSeed(@ForAll("reads") List<byte[]> reads) {
        linesComeOutExactly(reads);
    }

    @Property(tries = 200)
    void randomSeed(@ForAll("reads") List<byte[]> reads) {
        linesComeOutExactly(reads);
    }

    @Provide
    Arbitrary<List<byte[]>> reads() {
        Arbitrary<Byte> smtpish = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(30, Arbitraries.of((byte) 'A', (byte) ' ', (byte) ':', (byte) '<', (byte) '.')),
                net.jqwik.api.Tuple.of(6, Arbitraries.of((byte) '\r', (byte) '\n')),
                net.jqwik.api.Tuple.of(2, Arbitraries.of((byte) 0, (byte) 0xe9, (byte) 0xc3, (byte) 0xa9, (byte) 0xff)),
                net.jqwik.api.Tuple.of(1, Arbitraries.bytes()));
        Arbitrary<byte[]> read = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(9, smtpish.array(byte[].class).ofMaxSize(64)),
                // now and then a read longer than any line allowed
                net.jqwik.api.Tuple.of(1, smtpish.array(byte[].class).ofMinSize(MAX_LINE).ofMaxSize(3 * MAX_LINE)));
        return read.list().ofMaxSize(20);
    }

    private static void linesComeOutExactly(List<byte[]> reads) {
        SmtpInputDecoder decoder = new SmtpInputDecoder(MAX_LINE, 1000);
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        List<Object> inputs = new ArrayList<>();
        decoder.expectCommand();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] read : reads) {
            all.writeBytes(read);
            channel.writeInbound(Unpooled.wrappedBuffer(read));
            drain(channel, decoder, inputs);
        }
        assertEquals(expected(all.toByteArray()), inputs);
        channel.finishAndReleaseAll();
    }

    private static void drain(EmbeddedChannel channel, SmtpInputDecoder decoder, List<Object> inputs) {
        while (true) {
            channel.runPendingTasks();
            Object input = channel.readInbound();
            if (input == null) {
                return;
            }
            inputs.add(input);
            decoder.expectCommand();
        }
    }

    /** The model: one input per LF, the bytes before it (without a CR before the LF) as lossless text. */
    private static List<Object> expected(byte[] bytes) {
        List<Object> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            if (i + 1 - start > MAX_LINE) {
                lines.add(new SmtpInput.LineTooLong(MAX_LINE));
            } else {
                int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
                lines.add(new SmtpInput.Line(LosslessUtf8.toText(Arrays.copyOfRange(bytes, start, end))));
            }
            start = i + 1;
        }
        return lines;
    }
}
