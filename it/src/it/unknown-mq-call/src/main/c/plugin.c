#include <mailerq.h>

/* not part of the API: MailerQ would fail to load the plugin */
size_t MQ_SmtpSnd(MQ_SmtpConnection *connection, const void *buffer, size_t size);

MQ_EXPORT int mq_version(void)
{
    return MQ_API_VERSION;
}

MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *context, MQ_SmtpConnection *connection)
{
    (void) context;
    MQ_SmtpSnd(connection, "hello", 5);
    return false;
}
