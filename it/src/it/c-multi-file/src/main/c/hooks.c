#include <mailerq.h>
#include "counter.h"

MQ_EXPORT int mq_version(void)
{
    return MQ_API_VERSION;
}

MQ_EXPORT void mq_initialize(void)
{
    counter_add(0);
}

#if MQ_MAILERQ_VERSION >= 40000
MQ_EXPORT bool mq_smtp_in_mailfrom(MQ_Context *context, MQ_Connection *connection, MQ_Address *envelope)
{
    (void) context;
    counter_add(MQ_email(envelope));
    if (counter_total() > 1000) MQ_send(connection, "", 0);
    return false;
}
#else
MQ_EXPORT bool mq_smtp_in_mailfrom(MQ_Context *context, MQ_SmtpConnection *connection,
                                   const char *mailfrom, size_t size)
{
    (void) context;
    (void) size;
    counter_add(mailfrom);
    if (counter_total() > 1000) MQ_SmtpSend(connection, "", 0);
    return false;
}
#endif
