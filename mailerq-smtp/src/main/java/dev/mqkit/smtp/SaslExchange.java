package dev.mqkit.smtp;

import java.util.Locale;

/**
 * The server's side of one AUTH exchange (RFC 4954) with PLAIN or LOGIN: from the argument of
 * {@code AUTH}, with or without an initial response, through the {@code 334} challenges and the
 * client's answers, to the credentials to check or a refusal to send. A client's {@code *} cancels.
 * Whether AUTH is allowed at all is the caller's to decide before {@link #start}.
 *
 * <p>One exchange per AUTH command; not thread-safe (a connection's event loop drives it).
 */
public final class SaslExchange {
    /** What the exchange asks for after a step. */
    public sealed interface Step permits Challenge, Done, Refused {
    }

    /** Send {@code reply} (a 334) and hand the client's next line to {@link #respond}. */
    public record Challenge(SmtpReply reply) implements Step {
    }

    /**
     * The exchange is over: check these credentials, then answer 235 or 535.
     *
     * @param mechanism {@code PLAIN} or {@code LOGIN}
     */
    public record Done(SaslCredentials credentials, String mechanism) implements Step {
    }

    /** The exchange is over: send this refusal. */
    public record Refused(SmtpReply reply) implements Step {
    }

    private enum Awaiting { NOTHING, PLAIN, LOGIN_USERNAME, LOGIN_PASSWORD }

    private Awaiting awaiting = Awaiting.NOTHING;
    private String login;

    /** Begins with the argument of AUTH: {@code mechanism [initial-response]}. */
    public Step start(String argument) {
        String[] parts = argument.split(" +", 2);
        String mechanism = parts[0].toUpperCase(Locale.ROOT);
        String initial = parts.length > 1 ? parts[1] : null;
        try {
            return switch (mechanism) {
                case "PLAIN" -> initial != null ? plain(initial) : challenge(Awaiting.PLAIN, "");
                case "LOGIN" -> initial != null ? username(initial) : challenge(Awaiting.LOGIN_USERNAME, "Username:");
                case "" -> new Refused(SmtpReply.of(501, "5.5.2", "Syntax: AUTH <mechanism> [initial-response]"));
                default -> new Refused(SmtpReply.of(504, "5.5.4", "Unrecognized authentication mechanism"));
            };
        } catch (SaslCredentials.Malformed malformed) {
            return undecodable(malformed);
        }
    }

    /**
     * Takes the client's answer to the last {@link Challenge}.
     *
     * @throws IllegalStateException when no challenge is outstanding
     */
    public Step respond(String line) {
        Awaiting was = awaiting;
        awaiting = Awaiting.NOTHING;
        if (was == Awaiting.NOTHING) {
            throw new IllegalStateException("no challenge is outstanding");
        }
        if ("*".equals(line.strip())) {
            return new Refused(SmtpReply.of(501, "5.0.0", "Authentication cancelled"));
        }
        try {
            return switch (was) {
                case PLAIN -> plain(line);
                case LOGIN_USERNAME -> username(line);
                case LOGIN_PASSWORD -> password(line);
                case NOTHING -> throw new AssertionError();
            };
        } catch (SaslCredentials.Malformed malformed) {
            return undecodable(malformed);
        }
    }

    private static Step plain(String response) throws SaslCredentials.Malformed {
        return new Done(SaslCredentials.plain(response), "PLAIN");
    }

    private Step username(String response) throws SaslCredentials.Malformed {
        login = SaslCredentials.text(response);
        return challenge(Awaiting.LOGIN_PASSWORD, "Password:");
    }

    private Step password(String response) throws SaslCredentials.Malformed {
        SaslCredentials credentials = new SaslCredentials(login, SaslCredentials.text(response));
        login = null;
        return new Done(credentials, "LOGIN");
    }

    private Step challenge(Awaiting next, String text) {
        awaiting = next;
        return new Challenge(SmtpReply.plain(334, text.isEmpty() ? "" : SaslCredentials.encode(text)));
    }

    private static Step undecodable(SaslCredentials.Malformed malformed) {
        return new Refused(SmtpReply.of(501, "5.5.2", "Cannot decode response: " + malformed.getMessage()));
    }
}
