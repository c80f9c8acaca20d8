package dev.mqkit.maven;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Gives the outcome of the exercise that {@code mailerq:exercise} started alongside the integration tests:
 * waits for it to end, logs its steps and its summary, and fails the build naming the plugin, the hook and
 * what happened when it found a problem, as the exercise does when it runs by itself. Bound to verify,
 * before {@code failsafe:verify}; does nothing when no exercise ran alongside the tests.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Object run = project.getContextValue(ExerciseRun.CONTEXT_KEY);
        if (run == null) {
            getLog().debug("No exercise ran alongside the integration tests");
            return;
        }
        project.setContextValue(ExerciseRun.CONTEXT_KEY, null);
        ((ExerciseRun) run).outcome(getLog());
    }
}
