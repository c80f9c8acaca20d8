package dev.mqkit.maven.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mqkit.api.elf.DynamicSymbol;
import dev.mqkit.api.elf.ElfFile;
import dev.mqkit.maven.compile.ProcessRunner;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads a shared object that a real compiler made, and compares with what the C source says. */
class ElfFileTest {

    private static Path build(String name, String source, String... flags) throws IOException {
        Path dir = Files.createDirectories(Path.of(System.getProperty("mqkit.work", "target/native-tests")))
                .toAbsolutePath();
        Path c = dir.resolve(name + ".c");
        Files.writeString(c, source);
        Path so = dir.resolve(name + ".so");
        List<String> command = new java.util.ArrayList<>(List.of(System.getProperty("cc", "gcc"), "-shared", "-fPIC",
                "-fvisibility=hidden", "-o", so.toString(), c.toString()));
        command.addAll(List.of(flags));
        ProcessRunner.Outcome outcome = ProcessRunner.run(command, dir);
        assertTrue(outcome.succeeded(), outcome.output());
        return so;
    }

    @Test
    void tellsExportedFromHiddenFromUndefined() throws IOException {
        Path so = build("symbols", """
                extern int host_call(int);
                __attribute__((visibility("default"))) int mq_version(void) { return host_call(1); }
                __attribute__((visibility("default"))) int shared_data = 3;
                int hidden_helper(void) { return 2; }
                static int local_helper(void) { return 4; }
                int use(void) { return local_helper() + hidden_helper(); }
                """);
        ElfFile elf = ElfFile.read(so);
        Map<String, DynamicSymbol> dynamic = elf.dynamicSymbols().stream()
                .collect(Collectors.toMap(DynamicSymbol::name, Function.identity(), (a, b) -> a));
        assertTrue(dynamic.get("mq_version").exported());
        assertEquals(DynamicSymbol.STT_FUNC, dynamic.get("mq_version").type());
        assertTrue(dynamic.get("shared_data").exported());
        assertTrue(dynamic.get("host_call").undefined());
        assertFalse(dynamic.containsKey("hidden_helper"));
        assertTrue(elf.staticSymbols().stream().anyMatch(s -> s.name().equals("hidden_helper") && !s.exported()));
        assertEquals(System.getProperty("os.arch").equals("amd64") ? 62 : elf.machine(), elf.machine());
    }

    @Test
    void readsTheSonameAndNullWithoutOne() throws IOException {
        String source = "int one(void) { return 1; }\n";
        assertEquals("libnamed.so.1", ElfFile.read(build("named", source, "-Wl,-soname,libnamed.so.1")).soname());
        assertEquals(null, ElfFile.read(build("unnamed", source)).soname());
    }

    @Test
    void aStrippedFileHasNoStaticSymbols() throws IOException {
        Path so = build("stripped", "__attribute__((visibility(\"default\"))) int mq_version(void) { return 1; }\n",
                "-s");
        ElfFile elf = ElfFile.read(so);
        assertTrue(elf.staticSymbols().isEmpty());
        assertTrue(elf.dynamicSymbols().stream().anyMatch(s -> s.name().equals("mq_version") && s.exported()));
    }

    @Test
    void refusesWhatIsNotElf() throws IOException {
        Path notElf = Files.writeString(Files.createTempFile("not-elf", ".so"), "#!/bin/sh\necho hello, world, this is long enough\n");
        IOException e = assertThrows(IOException.class, () -> ElfFile.read(notElf));
        assertTrue(e.getMessage().contains("is not an ELF file"));
    }
}
