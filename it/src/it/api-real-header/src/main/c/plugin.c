#include <mailerq.h>

MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }

MQ_EXPORT bool mq_smtp_in_mailfrom(MQ_Context *context, MQ_Connection *connection, MQ_Address *envelope)
{
    (void)context;
    (void)connection;
    return MQ_email(envelope) == NULL;
}
