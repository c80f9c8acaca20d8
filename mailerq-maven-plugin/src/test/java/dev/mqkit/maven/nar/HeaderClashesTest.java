package dev.mqkit.maven.nar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

class HeaderClashesTest {

    @TempDir
    Path dir;

    private Path include(String nar, Map<String, String> headers) throws IOException {
        Path include = dir.resolve(nar).resolve("include");
        for (Map.Entry<String, String> header : headers.entrySet()) {
            Path file = include.resolve(header.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, header.getValue());
        }
        return include;
    }

    @Test
    void namesTheHeaderAndBothNarsWhenTheContentsDiffer() throws IOException {
        Map<String, Path> includes = new LinkedHashMap<>();
        includes.put("it:greet:1.0", include("greet", Map.of("greet/greet.h", "int greet(void);\n",
                "config.h", "#define SAME 1\n")));
        includes.put("it:other:2.0", include("other", Map.of("greet/greet.h", "int greet(int);\n",
                "config.h", "#define SAME 1\n", "other.h", "")));
        assertEquals(List.of("include/greet/greet.h is in both it:greet:1.0 and it:other:2.0, with other contents: "
                + "#include finds it:greet:1.0's only. Depend on one of the two, or have their publishers put their "
                + "headers in folders of their own (include/<library>/…)"), HeaderClashes.find(includes));
    }

    @Test
    void headersOfOtherNamesOrTheSameBytesDoNotClash() throws IOException {
        Map<String, Path> includes = new LinkedHashMap<>();
        includes.put("it:a:1", include("a", Map.of("a/a.h", "a", "common.h", "same")));
        includes.put("it:b:1", include("b", Map.of("b/b.h", "b", "common.h", "same")));
        assertEquals(List.of(), HeaderClashes.find(includes));
    }
}
