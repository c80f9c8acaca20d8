package dev.mqkit.maven;

import dev.mqkit.api.MailerqRelease;
import dev.mqkit.harness.sanitize.Sanitizers;
import dev.mqkit.maven.api.MailerqApi;
import dev.mqkit.maven.variant.BuildVariant;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** What every goal of a plugin project shares: the project and the plugin's file name. */
abstract class AbstractPluginMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
    protected File buildDirectory;

    /**
     * The plugin's place in MailerQ's load order: the numeric prefix of the
     * file name, two or more digits ({@code 10} gives {@code 10-<artifactId>.so}).
     * MailerQ loads plugins and calls their hooks in file name order.
     */
    @Parameter(property = "mailerq.order", defaultValue = "50", required = true)
    protected String order;

    /**
     * The MailerQ release the plugin targets, from 2.1 to 5.13 ({@code 3.0},
     * {@code 4.4}, {@code 5.6.5}, {@code 5.13}, …): 2.1 and 3.x select the
     * SmtpConnection generation of the plugin API, 4.0 and later the
     * Connection generation. The header, the check and the runtime all
     * follow it. The default is the newest release, 5.13.
     */
    @Parameter(property = "mailerq.version", defaultValue = "5.13", required = true)
    protected String mailerqVersion;

    /** {@link #mailerqVersion} as a release. */
    protected MailerqRelease release() throws MojoFailureException {
        try {
            return MailerqRelease.parse(mailerqVersion);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("<mailerqVersion>" + mailerqVersion + "</mailerqVersion> (-Dmailerq.version): "
                    + e.getMessage(), e);
        }
    }

    /**
     * The mailerq.h of a real MailerQ installation, to compile, check and
     * package against instead of the toolkit's own (whose MQ_API_VERSION values
     * are the toolkit's, as no MailerQ page documents them). The compile warns
     * about what in it the embedded runtime does not implement, and the runtime
     * the goals start expects its MQ_API_VERSION ({@code plugin-api-version}).
     */
    @Parameter(property = "mailerq.header")
    protected File header;

    /** The text of the mailerq.h the plugin is built against: {@link #header}, or the toolkit's. */
    protected String headerText() throws MojoFailureException {
        if (header == null) {
            return MailerqApi.bundledHeader();
        }
        try {
            return Files.readString(header.toPath());
        } catch (IOException e) {
            throw new MojoFailureException("<header>" + header + "</header> (-Dmailerq.header) cannot be read: "
                    + e.getMessage() + "; point it at the mailerq.h of your MailerQ installation, or remove it to "
                    + "use the toolkit's", e);
        }
    }

    /** The declarations of the plugin's mailerq.h for the targeted release. */
    protected MailerqApi api() throws MojoFailureException {
        if (header == null) {
            return MailerqApi.bundled(release());
        }
        try {
            return MailerqApi.parse(headerText(), release());
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException((header != null ? header.toString() : "mailerq.h") + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The second build that compile makes and the exercise, the tests and run load, from the {@code sanitize}
     * and {@code coverage} parameters: none, the sanitized build or the coverage build; both fail at once.
     */
    protected static BuildVariant variant(String sanitize, boolean coverage) throws MojoFailureException {
        try {
            return BuildVariant.of(sanitizers(sanitize), coverage);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    /** The {@code sanitize} parameter of mailerq:compile and mailerq:exercise: none, or a comma list. */
    protected static Sanitizers sanitizers(String sanitize) throws MojoFailureException {
        try {
            return Sanitizers.parse(sanitize);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("<sanitize>" + sanitize + "</sanitize> (mailerq.sanitize): "
                    + e.getMessage() + ", separated by commas, e.g. -Dmailerq.sanitize=address,undefined");
        }
    }

    protected PluginFiles files() throws MojoFailureException {
        if (order == null || !order.matches("\\d{2,}")) {
            String hint = order != null && order.matches("\\d") ? " (write 0" + order + ")" : "";
            throw new MojoFailureException("<order>" + order + "</order> must be two or more digits, e.g. 10"
                    + hint + ": it is the prefix that sorts the plugin among the others in MailerQ's "
                    + "plugin directory");
        }
        return new PluginFiles(buildDirectory.toPath().toAbsolutePath(), order, project.getArtifactId());
    }
}
