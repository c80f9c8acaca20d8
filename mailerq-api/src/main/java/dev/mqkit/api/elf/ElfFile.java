package dev.mqkit.api.elf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The little that the build and the runtime need from an ELF shared object: its machine, its
 * symbol tables, its SONAME and the libraries it needs, with where the loader looks for them.
 * Reads ELF32 and ELF64, little- and big-endian, so that the check does not depend on binutils
 * being installed.
 */
public final class ElfFile {

    private static final int SHT_SYMTAB = 2;
    private static final int SHT_DYNAMIC = 6;
    private static final int SHT_DYNSYM = 11;
    private static final int DT_NULL = 0;
    private static final int DT_NEEDED = 1;
    private static final int DT_SONAME = 14;
    private static final int DT_RPATH = 15;
    private static final int DT_RUNPATH = 29;
    private static final int SHN_UNDEF = 0;

    private final Path path;
    private final ByteBuffer data;
    private final boolean is64;

    private ElfFile(Path path, ByteBuffer data, boolean is64) {
        this.path = path;
        this.data = data;
        this.is64 = is64;
    }

    /** Reads {@code path}; fails with a message naming the file when it is not ELF. */
    public static ElfFile read(Path path) throws IOException {
        ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(path));
        if (data.limit() < 52 || data.get(0) != 0x7f || data.get(1) != 'E' || data.get(2) != 'L' || data.get(3) != 'F') {
            throw new IOException(path + " is not an ELF file");
        }
        int elfClass = data.get(4);
        int encoding = data.get(5);
        if ((elfClass != 1 && elfClass != 2) || (encoding != 1 && encoding != 2)) {
            throw new IOException(path + " has an unknown ELF class " + elfClass + " or encoding " + encoding);
        }
        data.order(encoding == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        return new ElfFile(path, data, elfClass == 2);
    }

    public boolean is64Bit() {
        return is64;
    }

    public boolean bigEndian() {
        return data.order() == ByteOrder.BIG_ENDIAN;
    }

    /** e_machine: 62 x86-64, 183 AArch64, 3 i386, 40 ARM, 243 RISC-V, ... */
    public int machine() {
        return Short.toUnsignedInt(data.getShort(18));
    }

    /** EI_OSABI: 0 System V (what Linux toolchains write), 3 GNU/Linux, 9 FreeBSD, ... */
    public int osAbi() {
        return Byte.toUnsignedInt(data.get(7));
    }

    /** Every entry of .dynsym except the null entry at index 0, in file order: what the loader sees. */
    public List<DynamicSymbol> dynamicSymbols() throws IOException {
        return symbols(SHT_DYNSYM);
    }

    /**
     * Every entry of .symtab, local ones included; empty when the file was
     * stripped. It shows functions that exist but are not exported.
     */
    public List<DynamicSymbol> staticSymbols() throws IOException {
        return symbols(SHT_SYMTAB);
    }

    /**
     * The DT_SONAME of the dynamic section: the name a program linked with
     * this library needs it by; null when it has none (then it is needed by
     * the file name it was linked under).
     */
    public String soname() throws IOException {
        List<String> names = dynamicStrings(DT_SONAME);
        return names.isEmpty() ? null : names.get(0);
    }

    /** The DT_NEEDED entries, in order: the libraries the loader loads with this file, by the names it needs. */
    public List<String> needed() throws IOException {
        return dynamicStrings(DT_NEEDED);
    }

    /**
     * Where the loader looks for this file's {@link #needed} libraries before its cache: the directories of
     * DT_RUNPATH, or, when there is none, of DT_RPATH (which the loader ignores beside a DT_RUNPATH), as
     * written ({@code $ORIGIN/lib}); empty when there are none.
     */
    public List<String> runPath() throws IOException {
        List<String> runPath = dynamicStrings(DT_RUNPATH);
        List<String> paths = runPath.isEmpty() ? dynamicStrings(DT_RPATH) : runPath;
        List<String> directories = new ArrayList<>();
        for (String path : paths) {
            for (String directory : path.split(":")) {
                if (!directory.isEmpty()) {
                    directories.add(directory);
                }
            }
        }
        return directories;
    }

    /** The strings of the dynamic section's entries tagged {@code tag}, in order. */
    private List<String> dynamicStrings(int tag) throws IOException {
        int header = sectionHeader(SHT_DYNAMIC);
        if (header < 0) {
            return List.of();
        }
        int strings = linkedStrings(header);
        int entrySize = is64 ? 16 : 8;
        long offset = sectionOffset(header);
        List<String> values = new ArrayList<>();
        for (long at = offset; at + entrySize <= offset + sectionSize(header); at += entrySize) {
            int entry = checkedOffset(at);
            long entryTag = is64 ? data.getLong(entry) : data.getInt(entry);
            if (entryTag == DT_NULL) {
                break;
            }
            if (entryTag == tag) {
                long value = is64 ? data.getLong(entry + 8) : Integer.toUnsignedLong(data.getInt(entry + 4));
                values.add(string(strings + value));
            }
        }
        return values;
    }

    private List<DynamicSymbol> symbols(int sectionType) throws IOException {
        int header = sectionHeader(sectionType);
        if (header < 0) {
            return List.of(); // no such table: a static object, or a stripped one
        }
        return readSymbols(sectionOffset(header), sectionSize(header), linkedStrings(header));
    }

    /** The offset of the first section header of {@code sectionType}, or -1. */
    private int sectionHeader(int sectionType) throws IOException {
        int count = Short.toUnsignedInt(data.getShort(is64 ? 0x3C : 0x30));
        for (int i = 0; i < count; i++) {
            int header = sectionHeaderAt(i);
            if (data.getInt(header + 4) == sectionType) {
                return header;
            }
        }
        return -1;
    }

    /** The string table a section's sh_link names, as an offset into the file. */
    private int linkedStrings(int header) throws IOException {
        return checkedOffset(sectionOffset(sectionHeaderAt(data.getInt(header + (is64 ? 0x28 : 0x18)))));
    }

    private int sectionHeaderAt(int index) throws IOException {
        long sectionTable = is64 ? data.getLong(0x28) : Integer.toUnsignedLong(data.getInt(0x20));
        int entrySize = Short.toUnsignedInt(data.getShort(is64 ? 0x3A : 0x2E));
        return checkedOffset(sectionTable + (long) index * entrySize);
    }

    private List<DynamicSymbol> readSymbols(long offset, long size, int strings) throws IOException {
        int symbolSize = is64 ? 24 : 16;
        List<DynamicSymbol> symbols = new ArrayList<>();
        for (long at = offset + symbolSize; at + symbolSize <= offset + size; at += symbolSize) {
            int entry = checkedOffset(at);
            int nameIndex = data.getInt(entry);
            int info = Byte.toUnsignedInt(data.get(entry + (is64 ? 4 : 12)));
            int other = Byte.toUnsignedInt(data.get(entry + (is64 ? 5 : 13)));
            int sectionIndex = Short.toUnsignedInt(data.getShort(entry + (is64 ? 6 : 14)));
            symbols.add(new DynamicSymbol(string(strings + Integer.toUnsignedLong(nameIndex)),
                    sectionIndex != SHN_UNDEF, info >> 4, info & 0xf, other & 0x3));
        }
        return symbols;
    }

    private long sectionOffset(int header) {
        return is64 ? data.getLong(header + 0x18) : Integer.toUnsignedLong(data.getInt(header + 0x10));
    }

    private long sectionSize(int header) {
        return is64 ? data.getLong(header + 0x20) : Integer.toUnsignedLong(data.getInt(header + 0x14));
    }

    private String string(long offset) throws IOException {
        int start = checkedOffset(offset);
        int end = start;
        while (end < data.limit() && data.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - start];
        data.get(start, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private int checkedOffset(long offset) throws IOException {
        if (offset < 0 || offset >= data.limit()) {
            throw new IOException(path + " is truncated or corrupt (offset " + offset + " beyond its "
                    + data.limit() + " bytes)");
        }
        return (int) offset;
    }
}
