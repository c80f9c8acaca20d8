package dev.mqkit.runtime.host;

import dev.mqkit.header.testing.NativeCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds the C test plugins (once per build) and lays out plugin
 * directories of them, as MailerQ's plugin-directory would hold them.
 */
final class TestPlugins {

    private static final AtomicInteger DIRECTORIES = new AtomicInteger();

    private TestPlugins() {}

    /** libtestkit.so, which every test plugin links. */
    static synchronized Path testKit() {
        return NativeCompiler.cc().sharedObject(NativeCompiler.fixture("testkit.c"), "libtestkit.so",
                List.of("-std=c11", "-pthread"));
    }

    /**
     * The scripted plugin built under {@code name} with extra flags, e.g.
     * {@code -DPLUGIN_VERSION=7}; the variant is part of the file name.
     */
    static Path scripted(String name, String variant, String... flags) {
        Path kit = testKit();
        List<String> all = new ArrayList<>(List.of("-std=c11", "-pthread", "-DPLUGIN_NAME=\"" + name + "\"",
                "-I" + NativeCompiler.fixture("").toAbsolutePath()));
        all.addAll(List.of(flags));
        return NativeCompiler.cc().sharedObject(NativeCompiler.fixture("scripted_plugin.c"),
                "scripted-" + name + (variant.isEmpty() ? "" : "-" + variant) + ".so", all,
                List.of("-L" + kit.getParent(), "-ltestkit", "-l:libjson-c.so.5", "-Wl,-rpath," + kit.getParent()));
    }

    /** A fresh plugin directory holding these files under these names (name → file pairs). */
    static Path directory(Object... namesAndFiles) {
        Path directory = NativeCompiler.workDir().resolve("plugin-dirs").resolve("d" + DIRECTORIES.incrementAndGet()
                + "-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(directory);
            for (int i = 0; i < namesAndFiles.length; i += 2) {
                Files.createSymbolicLink(directory.resolve((String) namesAndFiles[i]), (Path) namesAndFiles[i + 1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return directory;
    }

    /** A directory with the scripted plugins of these names, numbered 10, 20, … in that order. */
    static Path ordered(String... names) {
        Object[] entries = new Object[names.length * 2];
        for (int i = 0; i < names.length; i++) {
            entries[2 * i] = (10 * (i + 1)) + "-" + names[i] + ".so";
            entries[2 * i + 1] = scripted(names[i], "");
        }
        return directory(entries);
    }
}
