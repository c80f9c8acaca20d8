package dev.mqkit.runtime.smtp.server;

import java.util.ArrayList;
import java.util.List;

/**
 * MAIL FROM (with the size it announced, 0 if none, and its DSN parameters RET and ENVID, null when
 * not sent) and the RCPT TOs accepted so far.
 */
final class MailTransaction {
    /** One accepted RCPT TO: the address and its DSN parameters NOTIFY and ORCPT as sent (null when not sent). */
    record Recipient(String address, String dsnNotify, String dsnOrcpt) {
    }

    final String sender;
    final long declaredSize;
    final String ret;
    final String envid;
    final List<Recipient> recipients = new ArrayList<>();

    MailTransaction(String sender, long declaredSize, String ret, String envid) {
        this.sender = sender;
        this.declaredSize = declaredSize;
        this.ret = ret;
        this.envid = envid;
    }
}
