package dev.mqkit.api.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The logins of MailerQ 5.13's {@code smtp-auth}. Of its back-ends the runtime plays {@code hardcoded://}, a
 * comma-separated list of {@code username:password} pairs
 * (<a href="https://www.mailerq.com/documentation/5.13/smtp-server">5.13/smtp-server</a>); LDAP, RADIUS, system users,
 * HTTP, password files and scripts reach beyond the test machine, so they are refused with the way to get the same
 * verdicts: a hard-coded login, or a plugin's {@code mq_smtp_in_authenticate}.
 */
public final class SmtpLogins {
    private static final String HARDCODED = "hardcoded://";

    private SmtpLogins() {}

    /** The logins of {@code value}, login to password, in the order written; empty for an empty value. */
    public static Map<String, String> parse(String value) {
        Map<String, String> logins = new LinkedHashMap<>();
        String text = value.trim();
        if (text.isEmpty()) {
            return logins;
        }
        if (!text.startsWith(HARDCODED)) {
            int scheme = text.indexOf("://");
            throw new IllegalArgumentException("'" + (scheme > 0 ? text.substring(0, scheme + 3) : text)
                    + "' logins are not played by the runtime; write hardcoded://username:password"
                    + "[,username2:password2], or decide logins in a plugin's mq_smtp_in_authenticate");
        }
        for (String pair : text.substring(HARDCODED.length()).split(",", -1)) {
            int colon = pair.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("'" + pair + "' is not username:password: write "
                        + "hardcoded://username:password[,username2:password2]");
            }
            logins.putIfAbsent(pair.substring(0, colon), pair.substring(colon + 1));
        }
        return Collections.unmodifiableMap(logins);
    }
}
