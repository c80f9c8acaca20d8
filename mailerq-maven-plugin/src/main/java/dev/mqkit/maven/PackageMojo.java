package dev.mqkit.maven;

import dev.mqkit.api.elf.ElfFile;
import dev.mqkit.api.PluginApi;
import dev.mqkit.maven.api.MailerqApi;
import dev.mqkit.maven.api.PluginSymbolCheck;
import dev.mqkit.maven.link.LibrarySearch;
import dev.mqkit.maven.link.SystemLibraries;
import dev.mqkit.maven.platform.Platform;
import dev.mqkit.maven.platform.PublishedPlugin;
import dev.mqkit.maven.platform.Sha256;
import dev.mqkit.maven.platform.SharedLibrary;
import dev.mqkit.maven.platform.SystemLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Makes the {@code .so} the project's artifact, so that {@code install} and
 * {@code deploy} publish it, and attaches what a consumer needs to use it
 * safely: the same {@code .so} under its platform's classifier (e.g.
 * {@code linux-x86_64}) and a descriptor (classifier {@code mailerq-plugin},
 * extension {@code properties}) with the file name, order, platform, API
 * version, release and hooks, the shared libraries the plugin loads from
 * {@code lib/} with the artifacts that hold them, and the libraries it needs
 * that the MailerQ servers must have installed (with their Debian packages).
 */
@Mojo(name = "package", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class PackageMojo extends AbstractPluginMojo {

    @Component
    private MavenProjectHelper projectHelper;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        PluginFiles files = files();
        Path plugin = files.sharedObject();
        if (!Files.exists(plugin)) {
            throw new MojoFailureException(plugin + " does not exist: run mailerq:compile (mvn compile) first");
        }
        try {
            ElfFile elf = ElfFile.read(plugin);
            Platform platform = Platform.of(elf);
            MailerqApi api = api();
            PluginSymbolCheck.Result symbols = new PluginSymbolCheck(api, PluginApi.bundled())
                    .check(plugin.getFileName().toString(), elf.dynamicSymbols(), elf.staticSymbols());
            List<SharedLibrary> libraries = SharedLibrary.read(files.sharedLibraries());
            List<SystemLibrary> systemLibraries = new SystemLibraries(LibrarySearch.system()).of(plugin, libraries);
            PublishedPlugin descriptor = new PublishedPlugin(plugin.getFileName().toString(), order, platform,
                    api.version(), release().toString(), Sha256.of(plugin), symbols.hooks(), libraries,
                    systemLibraries);
            descriptor.write(files.descriptor());

            project.getArtifact().setFile(plugin.toFile());
            projectHelper.attachArtifact(project, "mailerq-plugin", platform.id(), plugin.toFile());
            projectHelper.attachArtifact(project, "properties", PublishedPlugin.CLASSIFIER, files.descriptor().toFile());
            getLog().info("Packaged " + plugin.getFileName() + " for " + platform.id() + (libraries.isEmpty() ? ""
                    : ", loading " + libraries.stream().map(SharedLibrary::path).collect(Collectors.joining(", ")))
                    + (systemLibraries.isEmpty() ? "" : "; the MailerQ servers must have " + systemLibraries.stream()
                    .map(SystemLibrary::describe).collect(Collectors.joining(", "))));
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot package " + plugin + ": " + e.getMessage(), e);
        }
    }
}
