package dev.mqkit.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.transfer.ArtifactNotFoundException;

/**
 * Resolves one artifact at a time from the project's repositories (the
 * reactor first): the attachments that Maven's dependency resolution does not
 * bring, such as a plugin's descriptor or a NAR's AOL attachment.
 */
final class RepositoryArtifacts {

    private final MavenProject project;
    private final RepositorySystem repositorySystem;
    private final RepositorySystemSession repositorySession;

    RepositoryArtifacts(MavenProject project, RepositorySystem repositorySystem,
                        RepositorySystemSession repositorySession) {
        this.project = project;
        this.repositorySystem = repositorySystem;
        this.repositorySession = repositorySession;
    }

    /** The resolved artifact, its file set; null when no repository has it. */
    Artifact find(Artifact wanted) throws MojoExecutionException {
        ArtifactRequest request = new ArtifactRequest(wanted, project.getRemoteProjectRepositories(), null);
        try {
            return repositorySystem.resolveArtifact(repositorySession, request).getArtifact();
        } catch (ArtifactResolutionException e) {
            boolean notFound = e.getResults().stream().flatMap(r -> r.getExceptions().stream())
                    .allMatch(ArtifactNotFoundException.class::isInstance);
            if (notFound) {
                return null;
            }
            throw new MojoExecutionException("Cannot resolve " + wanted + ": " + e.getMessage(), e);
        }
    }
}
