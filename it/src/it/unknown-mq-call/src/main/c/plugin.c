#include <mailerq.h>

/* not part of the API: MailerQ would fail to load the plugin */
#if MQ_MAILERQ_VERSION >= 40000
size_t MQ_sned(MQ_Connection *connection, const void *buffer, size_t size);
#else
size_t MQ_SmtpSnd(MQ_SmtpConnection *connection, const void *buffer, size_t size);
#endif

MQ_EXPORT int mq_version(void)
{
    return MQ_API_VERSION;
}

#if MQ_MAILERQ_VERSION >= 40000
MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *context, MQ_Connection *connection)
{
    (void) context;
    MQ_sned(connection, "hello", 5);
    return false;
}
#else
MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *context, MQ_SmtpConnection *connection)
{
    (void) context;
    MQ_SmtpSnd(connection, "hello", 5);
    return false;
}
#endif
