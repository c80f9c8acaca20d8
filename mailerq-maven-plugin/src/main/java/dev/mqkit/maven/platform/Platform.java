package dev.mqkit.maven.platform;

import dev.mqkit.api.elf.ElfFile;

import java.util.Locale;
import java.util.Map;

/**
 * The os-arch name of the machines a plugin runs on, e.g. linux-x86_64. It is
 * taken from the binary itself (its ELF machine), not from the build machine,
 * so a cross-compiled plugin is labelled for where it runs.
 */
public record Platform(String os, String arch) {

    private static final Map<Integer, String> ELF_MACHINES = Map.of(
            3, "x86", 62, "x86_64", 40, "arm", 183, "aarch64",
            243, "riscv64", 21, "ppc64", 22, "s390x");

    private static final Map<String, String> JAVA_ARCHES = Map.of(
            "amd64", "x86_64", "x86_64", "x86_64", "aarch64", "aarch64", "arm64", "aarch64",
            "i386", "x86", "i686", "x86", "x86", "x86", "arm", "arm",
            "riscv64", "riscv64", "s390x", "s390x");

    /** The platform a shared object was built for. */
    public static Platform of(ElfFile elf) {
        String arch = ELF_MACHINES.getOrDefault(elf.machine(), "elf" + elf.machine());
        if (arch.equals("ppc64") && !elf.bigEndian()) {
            arch = "ppc64le";
        }
        // Linux toolchains write OSABI 0 (System V); 9 and 12 are the BSDs that set it
        String os = switch (elf.osAbi()) {
            case 9 -> "freebsd";
            case 12 -> "openbsd";
            default -> "linux";
        };
        return new Platform(os, arch);
    }

    /** The platform of the running JVM, for comparing with a plugin's. */
    public static Platform current() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        String javaArch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        if (javaArch.equals("ppc64le")) {
            return new Platform(os, "ppc64le");
        }
        return new Platform(os, JAVA_ARCHES.getOrDefault(javaArch, javaArch));
    }

    /** Reads "linux-x86_64". */
    public static Platform parse(String id) {
        int dash = id.indexOf('-');
        if (dash <= 0 || dash == id.length() - 1) {
            throw new IllegalArgumentException("'" + id + "' is not a platform of the form os-arch, e.g. linux-x86_64");
        }
        return new Platform(id.substring(0, dash), id.substring(dash + 1));
    }

    /** os-arch, also the classifier of the platform's copy of the .so. */
    public String id() {
        return os + "-" + arch;
    }

    @Override
    public String toString() {
        return id();
    }
}
