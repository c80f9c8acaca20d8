/*
 * A recipient policy for MailerQ 4.0 and later, whose hooks cannot refuse a
 * command (they hand control back, they do not answer): mail for the domain
 * named by POLICY_DOMAIN is kept back in the local queue with MQ_setLocal, for
 * whatever reviews it there; the rest goes on to delivery. It logs, once, the
 * environment it was given, so the tests see what reached it.
 */
#include <mailerq.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *held_domain;

MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }

MQ_EXPORT void mq_initialize(void)
{
    const char *leaked = getenv("LEAKED_FROM_THE_SHELL");
    const char *service = getenv("POLICY_SERVICE");
    char line[512];
    held_domain = getenv("POLICY_DOMAIN");
    snprintf(line, sizeof line, "POLICY_DOMAIN=%s POLICY_SERVICE=%s LEAKED_FROM_THE_SHELL=%s",
             held_domain ? held_domain : "(unset)", service ? service : "(unset)", leaked ? leaked : "(unset)");
    MQ_log(MQ_INFO, line);
}

/* "b@held.example" is in "held.example" */
static int in_held_domain(const char *recipient)
{
    const char *at = recipient == NULL ? NULL : strrchr(recipient, '@');
    return at != NULL && held_domain != NULL && strcmp(at + 1, held_domain) == 0;
}

MQ_EXPORT bool mq_smtp_in_message(MQ_Context *context, MQ_Connection *connection, MQ_Message *message)
{
    (void)context;
    (void)connection;
    if (in_held_domain(MQ_recipient(message))) MQ_setLocal(message, true);
    return false;
}
