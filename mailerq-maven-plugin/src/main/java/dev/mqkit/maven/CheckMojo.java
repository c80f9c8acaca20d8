package dev.mqkit.maven;

import dev.mqkit.api.elf.ElfFile;
import dev.mqkit.api.PluginApi;
import dev.mqkit.maven.api.PluginSymbolCheck;
import dev.mqkit.maven.platform.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Refuses a plugin that MailerQ would refuse or misuse, by reading the
 * dynamic symbol table of the built {@code .so}: no {@code mq_version}, an
 * exported {@code mq_} name that is not a hook (a misspelt hook is never
 * called), a hook with a C++-mangled name, or a call to an {@code MQ_}
 * function the API does not have (MailerQ would fail to load the plugin).
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.PROCESS_CLASSES, threadSafe = true)
public class CheckMojo extends AbstractPluginMojo {

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Path plugin = files().sharedObject();
        if (!Files.exists(plugin)) {
            throw new MojoFailureException(plugin + " does not exist: run mailerq:compile (mvn compile) first");
        }
        try {
            ElfFile elf = ElfFile.read(plugin);
            PluginSymbolCheck.Result result = new PluginSymbolCheck(api(), PluginApi.bundled())
                    .check(plugin.getFileName().toString(), elf.dynamicSymbols(), elf.staticSymbols());
            if (!result.passed()) {
                result.problems().forEach(getLog()::error);
                throw new MojoFailureException(String.join("\n", result.problems()));
            }
            getLog().info(plugin.getFileName() + " (" + Platform.of(elf) + ") exports "
                    + String.join(", ", result.hooks()));
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot read " + plugin + ": " + e.getMessage(), e);
        }
    }
}
