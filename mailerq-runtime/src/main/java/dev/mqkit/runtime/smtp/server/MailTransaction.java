package dev.mqkit.runtime.smtp.server;

import java.util.ArrayList;
import java.util.List;

/** MAIL FROM and the RCPT TOs accepted so far. */
final class MailTransaction {
    final String sender;
    final List<String> recipients = new ArrayList<>();

    MailTransaction(String sender) {
        this.sender = sender;
    }
}
