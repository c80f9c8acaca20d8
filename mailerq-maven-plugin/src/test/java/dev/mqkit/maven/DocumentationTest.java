package dev.mqkit.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the repository's documentation honest: README.md stays a front door (at most 16 KB), and every
 * relative link of README.md, CONTRIBUTING.md, the site's markdown pages and its menus leads somewhere. A
 * site page links to {@code page.html}, which is a markdown page of the same site, a report the site
 * generates, or a page of another module's site (staged in a folder named after the module).
 */
class DocumentationTest {

    private static final int FRONT_DOOR_BYTES = 16 * 1024;

    /** {@code [text](target)} and {@code [text](target "title")} outside code. */
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern SITE_XML_HREF = Pattern.compile("href=\"([^\"]+)\"");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");
    private static final Pattern GOAL = Pattern.compile("@Mojo\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
    /** The maven-project-info-reports-plugin pages the root pom configures, and the site's own. */
    private static final Set<String> REPORTS = Set.of("summary.html", "modules.html", "dependency-info.html",
            "project-info.html", "project-reports.html");

    private final Path root = repositoryRoot();

    @Test
    void readmeIsAFrontDoor() throws IOException {
        long size = Files.size(root.resolve("README.md"));
        assertTrue(size <= FRONT_DOOR_BYTES, "README.md has " + size + " bytes, more than " + FRONT_DOOR_BYTES
                + ": move the detail into a page of src/site and link it");
    }

    @Test
    void everyRelativeLinkResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path file : List.of(root.resolve("README.md"), root.resolve("CONTRIBUTING.md"))) {
            for (String link : markdownLinks(file)) {
                if (!Files.exists(file.getParent().resolve(withoutAnchor(link)).normalize())) {
                    broken.add(root.relativize(file) + ": " + link);
                }
            }
        }
        for (Path site : siteDirectories()) {
            Path markdown = site.resolve("markdown");
            List<Path> pages;
            try (Stream<Path> files = Files.walk(markdown)) {
                pages = files.filter(f -> f.toString().endsWith(".md")).toList();
            }
            for (Path page : pages) {
                for (String link : markdownLinks(page)) {
                    if (!sitePageExists(markdown, page.getParent(), link)) {
                        broken.add(root.relativize(page) + ": " + link);
                    }
                }
            }
            Path menus = site.resolve("site.xml");
            if (Files.exists(menus)) {
                Matcher href = SITE_XML_HREF.matcher(Files.readString(menus));
                while (href.find()) {
                    if (isRelative(href.group(1)) && !sitePageExists(markdown, markdown, href.group(1))) {
                        broken.add(root.relativize(menus) + ": " + href.group(1));
                    }
                }
            }
        }
        assertEquals(List.of(), broken, "links that lead nowhere");
    }

    /** Whether a link of a site page in {@code from} (inside {@code markdown}) leads to a page or a file. */
    private boolean sitePageExists(Path markdown, Path from, String link) {
        String target = withoutAnchor(link);
        if (!target.endsWith(".html")) {
            return Files.exists(from.resolve(target).normalize());
        }
        // where the page lands in the staged site: the root's pages at its top, a module's in its folder
        Path module = markdown.getParent().getParent().getParent();
        Path staged = root.relativize(module).resolve(markdown.relativize(from)).resolve(target).normalize();
        Path targetModule = root;
        if (staged.getNameCount() > 1 && Files.isDirectory(root.resolve(staged.getName(0)).resolve("src/site"))) {
            targetModule = root.resolve(staged.getName(0));
            staged = staged.subpath(1, staged.getNameCount());
        }
        String name = staged.toString();
        String page = name.substring(0, name.length() - ".html".length()) + ".md";
        return Files.exists(targetModule.resolve("src/site/markdown").resolve(page))
                || REPORTS.contains(name)
                || (name.equals("plugin-info.html") || name.endsWith("-mojo.html")) && isGoalPage(targetModule, name);
    }

    /** The pages maven-plugin-report-plugin writes for a Maven plugin module: plugin-info and one per goal. */
    private static boolean isGoalPage(Path module, String name) {
        Path sources = module.resolve("src/main/java");
        if (!Files.isDirectory(sources)) {
            return false;
        }
        if (name.equals("plugin-info.html")) {
            return true;
        }
        String goal = name.substring(0, name.length() - "-mojo.html".length());
        try (Stream<Path> files = Files.walk(sources)) {
            return goal.equals("help") || files.filter(f -> f.toString().endsWith("Mojo.java")).anyMatch(f -> {
                Matcher mojo = GOAL.matcher(read(f));
                return mojo.find() && mojo.group(1).equals(goal);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The src/site folders of the root and of its modules. */
    private List<Path> siteDirectories() throws IOException {
        try (Stream<Path> children = Files.list(root)) {
            return Stream.concat(Stream.of(root), children.filter(Files::isDirectory))
                    .map(dir -> dir.resolve("src/site"))
                    .filter(site -> Files.isDirectory(site.resolve("markdown")))
                    .toList();
        }
    }

    /** The relative link targets of a markdown file, outside fenced code blocks and inline code. */
    private static List<String> markdownLinks(Path file) {
        List<String> links = new ArrayList<>();
        boolean fenced = false;
        for (String line : read(file).split("\n")) {
            if (line.startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            Matcher link = MARKDOWN_LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
            while (link.find()) {
                if (isRelative(link.group(1)) && !link.group(1).startsWith("#")) {
                    links.add(link.group(1));
                }
            }
        }
        return links;
    }

    private static boolean isRelative(String link) {
        return !link.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");
    }

    private static String withoutAnchor(String link) {
        int hash = link.indexOf('#');
        return hash < 0 ? link : link.substring(0, hash);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The folder with the root pom, above this module's. */
    private static Path repositoryRoot() {
        Path module = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
        Path root = module.getParent();
        assertTrue(Files.exists(root.resolve("README.md")) && Files.exists(root.resolve("src/site/site.xml")),
                "no repository root with README.md and src/site above " + module);
        return root;
    }
}
