package dev.mqkit.maven.assemble;

import dev.mqkit.maven.platform.Platform;
import dev.mqkit.maven.platform.PublishedPlugin;
import dev.mqkit.maven.platform.Sha256;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Decides whether a published plugin may go into a plugin directory on this
 * machine: it must have a descriptor (only {@code mailerq-plugin} projects
 * publish one), its bytes must be the ones the descriptor describes, and it
 * must be built for this platform and this toolkit's MQ_API_VERSION, since
 * MailerQ would refuse anything else at start-up.
 */
public final class PluginDependencyCheck {

    private final Platform platform;
    private final int apiVersion;
    private final String release;

    public PluginDependencyCheck(Platform platform, int apiVersion) {
        this(platform, apiVersion, null);
    }

    /** @param release the MailerQ release this build plays, named when a plugin was built for another */
    public PluginDependencyCheck(Platform platform, int apiVersion, String release) {
        this.platform = platform;
        this.apiVersion = apiVersion;
        this.release = release;
    }

    /**
     * @param coordinates groupId:artifactId:version, for messages
     * @param file        the resolved .so
     * @param descriptor  its descriptor, or null when the repository has none
     * @throws IllegalStateException with what is wrong, what was expected and the fix
     */
    public void check(String coordinates, Path file, PublishedPlugin descriptor) throws IOException {
        if (descriptor == null) {
            throw new IllegalStateException(coordinates + " is not a MailerQ plugin: it was published without a "
                    + "mailerq-plugin.properties descriptor (classifier " + PublishedPlugin.CLASSIFIER
                    + "), which every project of packaging mailerq-plugin deploys. Only plugins go into the plugin "
                    + "directory: remove the dependency, declare it with the type it really has, or publish it from "
                    + "a project of packaging mailerq-plugin");
        }
        descriptor.requirePlatform(platform, coordinates);
        if (descriptor.apiVersion() != apiVersion) {
            throw new IllegalStateException(coordinates + " is built for MailerQ plugin API version "
                    + descriptor.apiVersion() + ", not for version " + apiVersion + " of this toolkit's mailerq.h, "
                    + "so MailerQ would refuse to load it: " + otherRelease(descriptor.mailerqVersion()));
        }
        String actual = Sha256.of(file);
        if (descriptor.sha256() != null && !descriptor.sha256().equalsIgnoreCase(actual)) {
            throw new IllegalStateException(coordinates + ": " + file + " has sha256 " + actual + " but its "
                    + "descriptor says " + descriptor.sha256() + ": the repository holds the .so and the descriptor "
                    + "of different builds; deploy the plugin again");
        }
    }

    /** What to do about a plugin built for another release, naming both where they are known. */
    private String otherRelease(String builtFor) {
        if (release == null) {
            return "depend on a release of it built with this toolkit, or rebuild it with this toolkit";
        }
        if (builtFor == null) {
            return "this build plays MailerQ " + release + " (<mailerqVersion>); set <mailerqVersion> to the "
                    + "release the plugin was built for when the servers run that one, or depend on a release of it "
                    + "built for MailerQ " + release;
        }
        return "it was built for MailerQ " + builtFor + ", and this build plays MailerQ " + release + ". When the "
                + "servers run MailerQ " + builtFor + ", set <mailerqVersion>" + builtFor + "</mailerqVersion> "
                + "(-Dmailerq.version=" + builtFor + ") in this project; for MailerQ " + release + ", depend on a "
                + "release of it built with <mailerqVersion>" + release + "</mailerqVersion>";
    }

    public Platform platform() {
        return platform;
    }

    public int apiVersion() {
        return apiVersion;
    }
}
