package dev.mqkit.maven.compile;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Everything that decides how sources are compiled and linked; a change in
 * any of it changes the command lines and so recompiles.
 *
 * @param basedir      the project directory: the compilers' working directory, mapped to "." in debug info
 * @param objectDir    where objects, depfiles and recorded command lines go
 * @param includeDirs  -I directories in order: mailerq.h, src/main/include, configured, dependencies
 * @param defines      NAME or NAME=value
 * @param cflags       the user's C flags, placed after the defaults so they win
 * @param cxxflags     the user's C++ flags, placed after the defaults so they win
 * @param libraryDirs  -L directories
 * @param libraries    -l names
 * @param ldflags      the user's link flags, placed last
 * @param linked       libraries of dependencies, linked as files
 */
public record ToolchainSettings(Path basedir, Path objectDir, String cc, String cxx, String cStandard,
                                String cxxStandard, List<Path> includeDirs, List<String> defines,
                                List<String> cflags, List<String> cxxflags, List<Path> libraryDirs,
                                List<String> libraries, List<String> ldflags, LinkedLibraries linked) {

    /** Applies to every compile; -O2 -g -Wall -Wextra first so that user flags can override them. */
    public static final List<String> DEFAULT_FLAGS = List.of("-O2", "-g", "-Wall", "-Wextra");

    public String compiler(Language language) {
        return language == Language.C ? cc : cxx;
    }

    /**
     * The same build with {@code compileFlags} before the user's C and C++ flags, {@code linkFlags} before the
     * user's link flags, and its objects in {@code objectDir}: a second, sanitized build beside this one.
     */
    public ToolchainSettings withFlags(Path objectDir, List<String> compileFlags, List<String> linkFlags) {
        return new ToolchainSettings(basedir, objectDir, cc, cxx, cStandard, cxxStandard, includeDirs, defines,
                concat(compileFlags, cflags), concat(compileFlags, cxxflags), libraryDirs, libraries,
                concat(linkFlags, ldflags), linked);
    }

    private static List<String> concat(List<String> first, List<String> then) {
        return Stream.concat(first.stream(), then.stream()).toList();
    }
}
