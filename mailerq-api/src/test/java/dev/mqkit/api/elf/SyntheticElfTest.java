package dev.mqkit.api.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The reader on the layouts the build machine's compiler does not make:
 * ELF32 and big-endian files, written here byte by byte.
 */
class SyntheticElfTest {

    private static final List<DynamicSymbol> SYMBOLS = List.of(
            new DynamicSymbol("mq_version", true, DynamicSymbol.STB_GLOBAL, DynamicSymbol.STT_FUNC, 0),
            new DynamicSymbol("MQ_Continue", false, DynamicSymbol.STB_GLOBAL, 0, 0),
            new DynamicSymbol("helper", true, DynamicSymbol.STB_LOCAL, DynamicSymbol.STT_FUNC, 2));

    @ParameterizedTest
    @CsvSource({"true,false,62", "true,true,22", "false,false,40", "false,true,8"})
    void readsEveryClassAndByteOrder(boolean is64, boolean bigEndian, int machine) throws IOException {
        Path file = Files.write(Files.createTempFile("synthetic", ".so"), elf(is64, bigEndian, machine));
        ElfFile elf = ElfFile.read(file);
        assertEquals(is64, elf.is64Bit());
        assertEquals(bigEndian, elf.bigEndian());
        assertEquals(machine, elf.machine());
        assertEquals(SYMBOLS, elf.dynamicSymbols());
        assertEquals(List.of(), elf.staticSymbols());
    }

    private static byte[] elf(boolean is64, boolean bigEndian, int machine) {
        ByteOrder order = bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        int headerSize = is64 ? 64 : 52;
        int symbolSize = is64 ? 24 : 16;
        int sectionSize = is64 ? 64 : 40;

        ByteArrayOutputStream strings = new ByteArrayOutputStream();
        strings.write(0);
        int[] nameOffsets = new int[SYMBOLS.size()];
        for (int i = 0; i < SYMBOLS.size(); i++) {
            nameOffsets[i] = strings.size();
            strings.writeBytes(SYMBOLS.get(i).name().getBytes(StandardCharsets.UTF_8));
            strings.write(0);
        }
        int stringsOffset = headerSize;
        int symbolsOffset = stringsOffset + strings.size();
        int symbolsSize = symbolSize * (SYMBOLS.size() + 1);
        int sectionsOffset = symbolsOffset + symbolsSize;
        ByteBuffer b = ByteBuffer.allocate(sectionsOffset + 3 * sectionSize).order(order);

        b.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) (is64 ? 2 : 1), (byte) (bigEndian ? 2 : 1), 1, 0});
        b.position(16);
        b.putShort((short) 3).putShort((short) machine).putInt(1);
        if (is64) {
            b.putLong(0).putLong(0).putLong(sectionsOffset);
        } else {
            b.putInt(0).putInt(0).putInt(sectionsOffset);
        }
        b.putInt(0).putShort((short) headerSize).putShort((short) 0).putShort((short) 0)
                .putShort((short) sectionSize).putShort((short) 3).putShort((short) 0);

        b.position(stringsOffset);
        b.put(strings.toByteArray());

        b.position(symbolsOffset + symbolSize); // entry 0 stays null
        for (int i = 0; i < SYMBOLS.size(); i++) {
            DynamicSymbol s = SYMBOLS.get(i);
            byte info = (byte) ((s.binding() << 4) | s.type());
            short index = (short) (s.defined() ? 7 : 0);
            if (is64) {
                b.putInt(nameOffsets[i]).put(info).put((byte) s.visibility()).putShort(index).putLong(0).putLong(0);
            } else {
                b.putInt(nameOffsets[i]).putInt(0).putInt(0).put(info).put((byte) s.visibility()).putShort(index);
            }
        }

        // section 1: .dynsym (type 11) linked to section 2: .dynstr (type 3)
        section(b, is64, sectionsOffset + sectionSize, 11, symbolsOffset, symbolsSize, 2);
        section(b, is64, sectionsOffset + 2 * sectionSize, 3, stringsOffset, strings.size(), 0);
        return b.array();
    }

    private static void section(ByteBuffer b, boolean is64, int at, int type, int offset, int size, int link) {
        b.position(at);
        b.putInt(0).putInt(type);
        if (is64) {
            b.putLong(0).putLong(0).putLong(offset).putLong(size).putInt(link);
        } else {
            b.putInt(0).putInt(0).putInt(offset).putInt(size).putInt(link);
        }
    }
}
