#include <mailerq.h>

MQ_EXPORT int mq_version(void)
{
    return MQ_API_VERSION;
}

/* a typo: MailerQ would never call it */
MQ_EXPORT bool mq_smtp_in_mailform(MQ_Context *context, MQ_SmtpConnection *connection,
                                   const char *mailfrom, size_t size)
{
    (void) context; (void) connection; (void) mailfrom; (void) size;
    return false;
}
