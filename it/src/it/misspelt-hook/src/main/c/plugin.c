#include <mailerq.h>

MQ_EXPORT int mq_version(void)
{
    return MQ_API_VERSION;
}

/* a typo: MailerQ would never call it */
#if MQ_MAILERQ_VERSION >= 40000
MQ_EXPORT bool mq_smtp_in_mailform(MQ_Context *context, MQ_Connection *connection, MQ_Address *envelope)
{
    (void) context; (void) connection; (void) envelope;
    return false;
}
#else
MQ_EXPORT bool mq_smtp_in_mailform(MQ_Context *context, MQ_SmtpConnection *connection,
                                   const char *mailfrom, size_t size)
{
    (void) context; (void) connection; (void) mailfrom; (void) size;
    return false;
}
#endif
