package dev.mqkit.maven.api;

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
 * The hooks a plugin may export and the functions the host offers, read from
 * the very mailerq.h that plugins compile against, so the check can never
 * disagree with the header.
 */
public final class MailerqApi {

    /** Where dev.mqkit:mailerq-header keeps the header on the classpath. */
    public static final String HEADER_RESOURCE = "include/mailerq.h";

    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);
    private static final Pattern PREPROCESSOR = Pattern.compile("(?m)^\\s*#.*$");
    private static final Pattern HOOK = Pattern.compile("\\b(mq_[a-z0-9_]+)\\s*\\(");
    private static final Pattern FUNCTION = Pattern.compile("\\b(MQ_[A-Za-z0-9_]+)\\s*\\(");
    private static final Pattern VERSION = Pattern.compile("(?m)^\\s*#\\s*define\\s+MQ_API_VERSION\\s+(\\d+)");

    private final Set<String> hooks;
    private final Set<String> functions;
    private final int version;

    private MailerqApi(Set<String> hooks, Set<String> functions, int version) {
        this.hooks = Collections.unmodifiableSet(hooks);
        this.functions = Collections.unmodifiableSet(functions);
        this.version = version;
    }

    /** The API of the mailerq.h this plugin was built with. */
    public static MailerqApi bundled() {
        try (InputStream in = MailerqApi.class.getClassLoader().getResourceAsStream(HEADER_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(HEADER_RESOURCE + " is missing from the plugin's classpath: "
                        + "dev.mqkit:mailerq-header must be a dependency of mailerq-maven-plugin");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the declarations of a mailerq.h; comments and macros are ignored. */
    public static MailerqApi parse(String header) {
        Matcher versionMatch = VERSION.matcher(header);
        if (!versionMatch.find()) {
            throw new IllegalArgumentException("mailerq.h defines no MQ_API_VERSION");
        }
        String declarations = PREPROCESSOR.matcher(COMMENTS.matcher(header).replaceAll(" ")).replaceAll(" ");
        return new MailerqApi(names(HOOK, declarations), names(FUNCTION, declarations),
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

    /** MQ_API_VERSION. */
    public int version() {
        return version;
    }
}
