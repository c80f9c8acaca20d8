package dev.mqkit.runtime.smtp.server;

import java.util.ArrayList;
import java.util.List;

/** MAIL FROM (with the size it announced, 0 if none) and the RCPT TOs accepted so far. */
final class MailTransaction {
    final String sender;
    final long declaredSize;
    final List<String> recipients = new ArrayList<>();

    MailTransaction(String sender, long declaredSize) {
        this.sender = sender;
        this.declaredSize = declaredSize;
    }
}
