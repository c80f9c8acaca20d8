package dev.mqkit.maven.nar;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * nar-maven-plugin's name for the platform a native library is built for:
 * architecture, operating system and linker, as in {@code amd64-Linux-gpp}.
 * The classifiers of a NAR's attachments start with it
 * ({@code amd64-Linux-gpp-static}), and so do the folders inside them
 * ({@code lib/amd64-Linux-gpp/static/}).
 */
public record Aol(String architecture, String os, String linker) {

    /** A cross compiler's name starts with its target, e.g. aarch64-linux-gnu-gcc or x86_64-linux-gnu-g++-12. */
    private static final Pattern TARGET_PREFIX =
            Pattern.compile("(.+?)-(?:gcc|g\\+\\+|cc|c\\+\\+|clang|clang\\+\\+|icc|icpc)(?:-[\\d.]+)?");

    public Aol {
        for (String part : new String[] {architecture, os, linker}) {
            if (part == null || part.isEmpty() || part.contains("-") || part.contains(".")) {
                throw new IllegalArgumentException("'" + architecture + "-" + os + "-" + linker + "' is not an AOL "
                        + "of the form architecture-OS-linker, e.g. amd64-Linux-gpp");
            }
        }
    }

    /** Reads {@code amd64-Linux-gpp}. */
    public static Aol parse(String text) {
        String[] parts = text.trim().split("-", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("'" + text + "' is not an AOL of the form architecture-OS-linker, "
                    + "e.g. amd64-Linux-gpp");
        }
        return new Aol(parts[0], parts[1], parts[2]);
    }

    /**
     * The AOL whose libraries {@code compiler} can link, named as nar-maven-plugin
     * names it: the target a cross compiler carries in its name, else this
     * machine ({@code os.arch} and {@code os.name}, as nar-maven-plugin reads
     * them); linker {@code gpp} for gcc, clang and every compiler of the same
     * ABI, which is what nar-maven-plugin builds with on Linux by default.
     */
    public static Aol of(String compiler, String javaArch, String javaOsName) {
        String name = Path.of(compiler.trim()).getFileName().toString();
        String linker = name.contains("icpc") ? "icpc" : name.contains("icc") ? "icc" : "gpp";
        Matcher target = TARGET_PREFIX.matcher(name);
        if (target.matches()) {
            String triple = target.group(1).toLowerCase(Locale.ROOT);
            String os = triple.contains("linux") ? "Linux" : triple.contains("freebsd") ? "FreeBSD"
                    : triple.contains("darwin") || triple.contains("apple") ? "MacOSX"
                    : triple.contains("mingw") || triple.contains("windows") ? "Windows" : null;
            if (os != null) {
                return new Aol(narArchitecture(triple.substring(0, triple.indexOf('-'))), os, linker);
            }
        }
        return new Aol(javaArch, narOs(javaOsName), linker);
    }

    /** The running machine's AOL for {@code compiler}. */
    public static Aol current(String compiler) {
        return of(compiler, System.getProperty("os.arch"), System.getProperty("os.name"));
    }

    /** The classifier of the attachment that holds this AOL's libraries of one linkage, e.g. {@code amd64-Linux-gpp-static}. */
    public String classifier(NarLinkage linkage) {
        return this + "-" + linkage.type();
    }

    @Override
    public String toString() {
        return architecture + "-" + os + "-" + linker;
    }

    /** A target triple's architecture under the name the JVM (and so nar-maven-plugin) gives it. */
    private static String narArchitecture(String tripleArch) {
        if (tripleArch.matches("i[3-6]86")) {
            return "i386";
        }
        if (tripleArch.startsWith("arm")) {
            return "arm";
        }
        return switch (tripleArch) {
            case "x86_64" -> "amd64";
            case "powerpc64le" -> "ppc64le";
            case "powerpc64" -> "ppc64";
            default -> tripleArch;
        };
    }

    /** As nar-maven-plugin's NarUtil.getOS. */
    private static String narOs(String osName) {
        String name = osName.toLowerCase(Locale.ROOT);
        if (name.startsWith("linux")) {
            return "Linux";
        }
        if (name.startsWith("windows")) {
            return "Windows";
        }
        if (name.startsWith("freebsd")) {
            return "FreeBSD";
        }
        if (name.equals("mac os x")) {
            return "MacOSX";
        }
        return osName.replaceAll("[\\s.-]", "");
    }
}
