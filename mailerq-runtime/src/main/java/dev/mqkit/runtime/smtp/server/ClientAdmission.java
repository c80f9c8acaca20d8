package dev.mqkit.runtime.smtp.server;

import dev.mqkit.smtp.SmtpReply;
import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides at accept, before any hook, whether a new connection is served: its address must be in
 * the allowed ranges, and neither the server's connection limit nor the one per client address may
 * be reached. Counts the connections of each address it let in until {@link #left}. Thread-safe.
 */
final class ClientAdmission {
    private final SmtpServerSettings settings;
    private final ConcurrentHashMap<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();

    ClientAdmission(SmtpServerSettings settings) {
        this.settings = settings;
    }

    /**
     * The refusal to send to a new connection from {@code client}, or null when it is let in (and
     * counted: call {@link #left} when it closes).
     *
     * @param open the connections the server serves now
     */
    SmtpReply admit(InetAddress client, int open) {
        if (!settings.allowedClients().contains(client)) {
            // RFC 5321 3.1: 554 instead of the greeting
            return SmtpReply.of(554, "5.7.1", settings.hostname() + " no SMTP service for " + client.getHostAddress());
        }
        if (open >= settings.maxConnections()) {
            return SmtpReply.of(421, "4.7.0", settings.hostname() + " too many connections, try again later");
        }
        boolean[] admitted = {false};
        perAddress.compute(client, (address, count) -> {
            int now = count == null ? 0 : count;
            if (now >= settings.maxConnectionsPerAddress()) {
                return count;
            }
            admitted[0] = true;
            return now + 1;
        });
        if (!admitted[0]) {
            return SmtpReply.of(421, "4.7.0", settings.hostname() + " too many connections from "
                    + client.getHostAddress() + ", try again later");
        }
        return null;
    }

    /** A connection that was let in has closed. */
    void left(InetAddress client) {
        perAddress.computeIfPresent(client, (address, count) -> count > 1 ? count - 1 : null);
    }
}
