package dev.mqkit.maven;

import java.nio.file.Path;

/** Where the goals of one project put and find their files, all under target/. */
public record PluginFiles(Path buildDirectory, String order, String artifactId) {

    /** The plugin itself: target/&lt;order&gt;-&lt;artifactId&gt;.so, the name MailerQ sorts plugins by. */
    public Path sharedObject() {
        return buildDirectory.resolve(order + "-" + artifactId + ".so");
    }

    /** The compilation database for clangd and IDEs. */
    public Path compileCommands() {
        return buildDirectory.resolve("compile_commands.json");
    }

    /** The toolkit's own working files. */
    public Path workDirectory() {
        return buildDirectory.resolve("mailerq");
    }

    /** The unpacked mailerq.h. */
    public Path headerDirectory() {
        return workDirectory().resolve("include");
    }

    /** Objects, depfiles and the command line that made each object. */
    public Path objectDirectory() {
        return workDirectory().resolve("obj");
    }

    /** Include directories unpacked from dependencies, one folder per dependency. */
    public Path dependencyDirectory() {
        return workDirectory().resolve("dependencies");
    }

    /** NAR dependencies unpacked, one folder per NAR: its headers and the libraries linked with. */
    public Path narDirectory() {
        return workDirectory().resolve("nar");
    }

    /** The shared libraries the plugin was linked with, for its descriptor: written by compile, read by package. */
    public Path sharedLibraries() {
        return workDirectory().resolve("shared-libraries.properties");
    }

    public Path versionScript() {
        return workDirectory().resolve("exports.map");
    }

    public Path linkCommand() {
        return workDirectory().resolve("link.cmd");
    }

    /** The attached descriptor: platform, order, API version, hooks. */
    public Path descriptor() {
        return workDirectory().resolve("mailerq-plugin.properties");
    }
}
