package dev.mqkit.maven;

import dev.mqkit.api.elf.ElfFile;
import dev.mqkit.api.PluginApi;
import dev.mqkit.maven.api.PluginSymbolCheck;
import dev.mqkit.maven.link.LibrarySearch;
import dev.mqkit.maven.link.LoadCheck;
import dev.mqkit.maven.link.PkgConfig;
import dev.mqkit.maven.link.SymbolResolution;
import dev.mqkit.maven.platform.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
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
 * It also resolves every other undefined symbol as the dynamic linker will at load time, against the release's
 * JSON library and the plugin's needed libraries, and refuses a symbol nothing defines or a library the loader
 * does not find, naming the library that likely defines the symbol and how to link it.
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
            LoadCheck load = new LoadCheck(LibrarySearch.system(), PkgConfig.fromEnvironment(), release(),
                    api().functions());
            SymbolResolution.Result resolved = load.resolve(plugin, narLibraryFolders(files().narDirectory()));
            List<String> problems = new ArrayList<>(result.problems());
            problems.addAll(load.problems(plugin.getFileName().toString(), resolved));
            if (!problems.isEmpty()) {
                problems.forEach(getLog()::error);
                throw new MojoFailureException(String.join("\n", problems));
            }
            getLog().info(plugin.getFileName() + " (" + Platform.of(elf) + ") exports "
                    + String.join(", ", result.hooks()));
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot read " + plugin + ": " + e.getMessage(), e);
        }
    }

    /** The folders of the NAR shared libraries the plugin was linked with: its lib/ at load time. */
    private static List<Path> narLibraryFolders(Path narDirectory) throws IOException {
        if (!Files.isDirectory(narDirectory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(narDirectory)) {
            return files.filter(Files::isRegularFile).filter(file -> file.getFileName().toString().contains(".so"))
                    .map(Path::getParent).distinct().toList();
        }
    }
}
