package dev.mqkit.maven;

import dev.mqkit.test.sanitize.Sanitizers;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import java.io.File;

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
