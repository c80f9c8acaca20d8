package dev.mqkit.maven.nar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds headers that two NARs both bring, under the same name and with other
 * contents: {@code #include} would find the first include directory's copy
 * only, and the plugin would be compiled against the other library's
 * declarations without a word.
 */
public final class HeaderClashes {

    private HeaderClashes() {
    }

    /**
     * @param includeDirectories each NAR's coordinates and its unpacked {@code include/}, in include-path order
     * @return one sentence per clash, naming the header and both NARs
     */
    public static List<String> find(Map<String, Path> includeDirectories) throws IOException {
        Map<String, String> owners = new LinkedHashMap<>();
        Map<String, Path> files = new LinkedHashMap<>();
        List<String> clashes = new ArrayList<>();
        for (Map.Entry<String, Path> nar : includeDirectories.entrySet()) {
            Path include = nar.getValue();
            try (Stream<Path> headers = Files.walk(include)) {
                for (Path header : headers.filter(Files::isRegularFile).sorted().toList()) {
                    String name = include.relativize(header).toString();
                    Path earlier = files.putIfAbsent(name, header);
                    if (earlier != null && !Arrays.equals(Files.readAllBytes(earlier), Files.readAllBytes(header))) {
                        clashes.add("include/" + name + " is in both " + owners.get(name) + " and " + nar.getKey()
                                + ", with other contents: #include finds " + owners.get(name) + "'s only. Depend on "
                                + "one of the two, or have their publishers put their headers in folders of their own "
                                + "(include/<library>/…)");
                    }
                    owners.putIfAbsent(name, nar.getKey());
                }
            }
        }
        return clashes;
    }
}
