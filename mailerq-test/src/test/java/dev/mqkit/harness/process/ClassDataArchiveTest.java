package dev.mqkit.harness.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mqkit.runtime.Main;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime's class data archive, written by a first real java process and mapped by the next. */
class ClassDataArchiveTest {

    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    @TempDir
    Path directory;

    /** The runtime's class path as jars only: a classes directory of the build becomes a jar. */
    private String jarClasspath() throws IOException {
        Path runtime = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (path.equals(runtime) && Files.isDirectory(path)) {
                entries.add(jar(path, directory.resolve("mailerq-runtime.jar")).toString());
            } else if (Files.isRegularFile(path)) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Path jar(Path classes, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    /** Runs the runtime's --help with these JVM options; its output. */
    private String help(List<String> options, String classpath) throws Exception {
        List<String> command = new ArrayList<>(List.of(JAVA.toString()));
        command.addAll(options);
        command.addAll(List.of("-Xlog:class+load=info", "-cp", classpath, Main.class.getName(), "--help"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    @Test
    void theFirstRunWritesTheArchiveAndTheNextStartsFromIt() throws Exception {
        String classpath = jarClasspath();
        Path cache = directory.resolve("cache");
        ClassDataArchive archive = ClassDataArchive.of(cache, JAVA, classpath).orElseThrow();

        List<String> first = archive.jvmOptions();
        assertTrue(first.stream().anyMatch(option -> option.startsWith("-XX:ArchiveClassesAtExit=")), first.toString());
        help(first, classpath);
        assertFalse(Files.exists(archive.file()), "written under a name of its own until the run ended well");
        archive.processEnded(0);
        assertTrue(Files.isRegularFile(archive.file()));
        try (Stream<Path> left = Files.list(cache)) {
            assertEquals(List.of(archive.file()), left.toList(), "nothing else is left in the cache");
        }

        List<String> next = ClassDataArchive.of(cache, JAVA, classpath).orElseThrow().jvmOptions();
        assertEquals("-XX:SharedArchiveFile=" + archive.file(), next.get(0));
        String output = help(next, classpath);
        assertTrue(output.contains(Main.class.getName() + " source: shared objects file (top)"),
                "the runtime's classes come from the archive:\n" + output.lines()
                        .filter(line -> line.contains("dev.mqkit")).limit(5).collect(Collectors.joining("\n")));
    }

    @Test
    void aRunThatDidNotEndWellLeavesNoArchive() throws Exception {
        String classpath = jarClasspath();
        ClassDataArchive archive = ClassDataArchive.of(directory.resolve("cache"), JAVA, classpath).orElseThrow();
        help(archive.jvmOptions(), classpath);
        archive.processEnded(137);
        try (Stream<Path> left = Files.list(directory.resolve("cache"))) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void eachClassPathAndJarVersionHasItsOwnAndADirectoryOnTheClassPathNone() throws Exception {
        String classpath = jarClasspath();
        Path cache = directory.resolve("cache");
        Path archive = ClassDataArchive.of(cache, JAVA, classpath).orElseThrow().file();
        Path jar = Path.of(classpath.split(File.pathSeparator)[0]);
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
        assertNotEquals(archive, ClassDataArchive.of(cache, JAVA, classpath).orElseThrow().file(),
                "a jar built again needs an archive of its own, as the JVM would refuse the old one");
        // the JVM does not start with -XX:ArchiveClassesAtExit and a non-empty directory on the class path
        Files.createDirectories(directory.resolve("classes"));
        try (OutputStream out = Files.newOutputStream(directory.resolve("classes").resolve("A.class"))) {
            out.write(0);
        }
        assertTrue(ClassDataArchive.of(cache, JAVA, classpath + File.pathSeparator + directory.resolve("classes"))
                .isEmpty());
    }

    @Test
    void theLauncherLeavesItOutWhenASanitizerIsPreloadedOrTheCallerChoseCds() throws Exception {
        String classpath = jarClasspath();
        Path work = directory.resolve("work");
        assertTrue(String.join(" ", RuntimeProcess.builder().classpath(classpath).workDirectory(work).command())
                .contains("Archive"), "a class path of jars gets an archive");
        assertFalse(String.join(" ", RuntimeProcess.builder().classpath(classpath).workDirectory(work)
                .environment("LD_PRELOAD", "/usr/lib/libasan.so").command()).contains("Archive"));
        List<String> off = RuntimeProcess.builder().classpath(classpath).workDirectory(work).jvmArgument("-Xshare:off")
                .command();
        assertFalse(String.join(" ", off).contains("Archive"), off.toString());
        assertTrue(off.contains("-Xshare:off"));
    }
}
