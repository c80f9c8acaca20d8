package dev.mqkit.maven.api;

import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.ReleaseApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hooks a plugin may export and the functions the host offers in one
 * MailerQ release, as the mailerq.h that plugins compile against declares
 * them: the plugin API model's for the toolkit's own header (a test holds
 * the two together), read from the file for the real mailerq.h of a MailerQ
 * installation. There, {@code #if MQ_MAILERQ_VERSION …} sections are
 * evaluated for the release; other conditions ({@code __cplusplus}, include
 * guards) keep both branches.
 */
public final class MailerqApi {

    /** Where dev.mqkit:mailerq-header keeps the header on the classpath. */
    public static final String HEADER_RESOURCE = "include/mailerq.h";

    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);
    private static final Pattern PREPROCESSOR = Pattern.compile("(?m)^\\s*#.*$");
    private static final Pattern HOOK = Pattern.compile("\\b(mq_[a-z0-9_]+)\\s*\\(");
    private static final Pattern FUNCTION = Pattern.compile("\\b(MQ_[A-Za-z0-9_]+)\\s*\\(");
    private static final Pattern MACRO = Pattern.compile("(?m)^\\s*#\\s*define\\s+(MQ_[A-Za-z0-9_]+)\\(");
    private static final Pattern VERSION = Pattern.compile("(?m)^\\s*#\\s*define\\s+MQ_API_VERSION\\s+(\\d+)");

    private final MailerqRelease release;
    private final Set<String> hooks;
    private final Set<String> functions;
    private final int version;

    private MailerqApi(MailerqRelease release, Set<String> hooks, Set<String> functions, int version) {
        this.release = release;
        this.hooks = Collections.unmodifiableSet(hooks);
        this.functions = Collections.unmodifiableSet(functions);
        this.version = version;
    }

    /** The text of the mailerq.h that came with this plugin. */
    public static String bundledHeader() {
        try (InputStream in = MailerqApi.class.getClassLoader().getResourceAsStream(HEADER_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(HEADER_RESOURCE + " is missing from the plugin's classpath: "
                        + "dev.mqkit:mailerq-header must be a dependency of mailerq-maven-plugin");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The API of one release in the mailerq.h that came with this plugin: the model's. */
    public static MailerqApi bundled(MailerqRelease release) {
        return of(release.api());
    }

    /** A release's API as the plugin API model describes it. */
    public static MailerqApi of(ReleaseApi api) {
        return new MailerqApi(api.release(), new LinkedHashSet<>(api.hooks()), new LinkedHashSet<>(api.functions()),
                api.apiVersion());
    }

    /** Reads the declarations that a mailerq.h makes for {@code release}; comments and other macros are ignored. */
    public static MailerqApi parse(String header, MailerqRelease release) {
        String declarations = ReleaseSections.select(COMMENTS.matcher(header).replaceAll(" "), release.macro());
        Matcher versionMatch = VERSION.matcher(declarations);
        if (!versionMatch.find()) {
            throw new IllegalArgumentException("mailerq.h defines no MQ_API_VERSION for MailerQ " + release);
        }
        Set<String> macros = names(MACRO, declarations);
        declarations = PREPROCESSOR.matcher(declarations).replaceAll(" ");
        Set<String> functions = names(FUNCTION, declarations);
        functions.removeAll(macros);
        return new MailerqApi(release, names(HOOK, declarations), functions,
                Integer.parseInt(versionMatch.group(1)));
    }

    private static Set<String> names(Pattern pattern, String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The mq_* functions a plugin may export, in header order. */
    public Set<String> hooks() {
        return hooks;
    }

    /** The MQ_* functions the host defines, in header order. */
    public Set<String> functions() {
        return functions;
    }

    /** The release these are the declarations of. */
    public MailerqRelease release() {
        return release;
    }

    /** MQ_API_VERSION. */
    public int version() {
        return version;
    }
}
