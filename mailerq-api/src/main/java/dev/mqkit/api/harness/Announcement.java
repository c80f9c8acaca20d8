package dev.mqkit.api.harness;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The lines the runtime writes on stdout to tell a parent process where it listens, and their parser:
 * {@code mailerq-runtime smtp-port 2525 smtp-secure-port 4650} once the SMTP ports are bound (lists
 * comma-separated, a part without ports left out), and {@code mailerq-runtime control-port 43123} once the
 * control channel answers.
 */
public final class Announcement {

    /** How every announcement line starts. */
    public static final String PREFIX = "mailerq-runtime";

    private static final Pattern SMTP = Pattern.compile(
            "^" + PREFIX + "(?: smtp-port ([0-9,]+))?(?: smtp-secure-port ([0-9,]+))?$");
    private static final Pattern CONTROL = Pattern.compile("^" + PREFIX + " control-port (\\d+)$");

    /** The SMTP ports a runtime listens on: plain (STARTTLS offered) and TLS from the start. */
    public record SmtpPorts(List<Integer> plain, List<Integer> secure) {
        public SmtpPorts {
            plain = List.copyOf(plain);
            secure = List.copyOf(secure);
        }
    }

    private Announcement() {}

    /** The line that announces the SMTP ports. */
    public static String smtpPorts(List<Integer> plain, List<Integer> secure) {
        StringBuilder line = new StringBuilder(PREFIX);
        if (!plain.isEmpty()) {
            line.append(" smtp-port ").append(join(plain));
        }
        if (!secure.isEmpty()) {
            line.append(" smtp-secure-port ").append(join(secure));
        }
        return line.toString();
    }

    /** The line that announces the control channel's port. */
    public static String controlPort(int port) {
        return PREFIX + " control-port " + port;
    }

    /** The SMTP ports of a line written by {@link #smtpPorts}; empty for any other line. */
    public static Optional<SmtpPorts> parseSmtpPorts(String line) {
        Matcher matcher = SMTP.matcher(line);
        return matcher.matches()
                ? Optional.of(new SmtpPorts(ports(matcher.group(1)), ports(matcher.group(2))))
                : Optional.empty();
    }

    /** The port of a line written by {@link #controlPort}; empty for any other line. */
    public static Optional<Integer> parseControlPort(String line) {
        Matcher matcher = CONTROL.matcher(line);
        return matcher.matches() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
    }

    private static String join(List<Integer> ports) {
        return ports.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static List<Integer> ports(String list) {
        return list == null ? List.of() : Arrays.stream(list.split(",")).map(Integer::valueOf).toList();
    }
}
