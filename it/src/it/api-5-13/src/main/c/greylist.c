/* A plugin written from the MailerQ 5.13 plugin pages alone. */
#include <mailerq.h>
#include <string.h>

MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }

MQ_EXPORT void mq_context_initialize(MQ_Context *context)
{
    static int counter;
    MQ_setContextData(context, &counter);
}

MQ_EXPORT void mq_context_cleanup(MQ_Context *context)
{
    MQ_setContextData(context, NULL);
}

static void resume(void *data)
{
    MQ_continue((MQ_Connection *)data);
}

MQ_EXPORT bool mq_smtp_in_mailfrom(MQ_Context *context, MQ_Connection *connection, MQ_Address *envelope)
{
    const char *email = MQ_email(envelope);
    if (email == NULL) return false;
    MQ_startTimer(context, 0.01f, resume, connection);
    return true;
}

MQ_EXPORT bool mq_smtp_in_message(MQ_Context *context, MQ_Connection *connection, MQ_Message *message)
{
    const char *recipient = MQ_recipient(message);
    (void)context;
    (void)connection;
    if (recipient != NULL && strncmp(recipient, "postmaster@", 11) == 0) MQ_setLocal(message, true);
    MQ_log(MQ_INFO, "message accepted");
    return false;
}

MQ_EXPORT bool mq_smtp_out_sent(MQ_Context *context, MQ_Connection *connection, MQ_Message *message)
{
    (void)context;
    (void)connection;
    if (MQ_mime(message) == NULL) MQ_log(MQ_WARN, "sent the JSON's MIME");
    return false;
}
