package dev.mqkit.maven.compile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Builds the compiler and linker command lines from the settings, in one place. */
final class CommandLines {

    private final ToolchainSettings settings;

    public CommandLines(ToolchainSettings settings) {
        this.settings = settings;
    }

    public CompileCommand compile(SourceFile source) {
        Path object = settings.objectDir().resolve(source.objectName());
        Path depFile = object.resolveSibling(object.getFileName() + ".d");
        Language language = source.language();
        List<String> args = new ArrayList<>();
        args.add(settings.compiler(language));
        args.add("-std=" + (language == Language.C ? settings.cStandard() : settings.cxxStandard()));
        args.addAll(ToolchainSettings.DEFAULT_FLAGS);
        args.add("-fPIC");
        args.add("-fvisibility=hidden");
        args.addAll(language.requiredFlags());
        // the project's path stays out of the binary: builds in two folders give the same bytes
        args.add("-ffile-prefix-map=" + settings.basedir() + "=.");
        for (String define : settings.defines()) {
            args.add("-D" + define);
        }
        for (Path dir : settings.includeDirs()) {
            args.add("-I" + dir);
        }
        args.addAll(language == Language.C ? settings.cflags() : settings.cxxflags());
        args.addAll(List.of("-MMD", "-MF", depFile.toString(), "-c", source.path().toString(), "-o", object.toString()));
        return new CompileCommand(source, object, depFile, settings.basedir(), List.copyOf(args));
    }

    /**
     * Links the objects into the plugin: with the C++ compiler when any source
     * is C++ (it brings the C++ runtime), else with the C compiler.
     */
    public List<String> link(Collection<CompileCommand> compiles, Path versionScript, Path output) {
        boolean anyCxx = compiles.stream().anyMatch(c -> c.source().language() == Language.CXX);
        List<String> args = new ArrayList<>();
        args.add(anyCxx ? settings.cxx() : settings.cc());
        args.add("-shared");
        args.add("-Wl,--version-script=" + versionScript);
        args.add("-Wl,--build-id=sha1");
        args.add("-o");
        args.add(output.toString());
        compiles.forEach(c -> args.add(c.object().toString()));
        args.addAll(dependencyLibraries(settings.linked()));
        settings.libraryDirs().forEach(dir -> args.add("-L" + dir));
        settings.libraries().forEach(lib -> args.add("-l" + lib));
        args.addAll(settings.ldflags());
        return List.copyOf(args);
    }

    private static List<String> dependencyLibraries(LinkedLibraries linked) {
        List<String> args = new ArrayList<>();
        // in a group, the archives may use each other in any order
        boolean group = linked.archives().size() > 1;
        if (group) {
            args.add("-Wl,--start-group");
        }
        linked.archives().forEach(archive -> args.add(archive.toString()));
        if (group) {
            args.add("-Wl,--end-group");
        }
        // by file name, not path: a library without a SONAME is then NEEDED under its name, found in the run path
        for (Path shared : linked.sharedObjects()) {
            args.add("-L" + shared.getParent());
            args.add("-l:" + shared.getFileName());
        }
        if (!linked.sharedObjects().isEmpty() && linked.runPath() != null) {
            args.add("-Wl,-rpath," + linked.runPath());
            // DT_RPATH, not DT_RUNPATH: it also serves the libraries these libraries need
            args.add("-Wl,--disable-new-dtags");
        }
        linked.systemLibraries().forEach(lib -> args.add("-l" + lib));
        return args;
    }
}
