package dev.mqkit.maven.compile;

import java.nio.file.Path;

/**
 * What a compilation writes besides the objects (those go to
 * {@link ToolchainSettings#objectDir()}).
 *
 * @param compileCommands the compilation database for clangd and IDEs
 * @param versionScript   the linker script that exports mq_* only
 * @param sharedObject    the plugin
 * @param linkCommand     the command line that linked the plugin, to notice link changes
 */
public record CompileOutputs(Path compileCommands, Path versionScript, Path sharedObject, Path linkCommand) {
}
