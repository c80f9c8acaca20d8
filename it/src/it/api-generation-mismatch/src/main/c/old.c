/* A 2.1/3.x plugin built for 5.13 by mistake. */
#include <mailerq.h>

MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }

MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *context, MQ_SmtpConnection *connection)
{
    (void)context;
    (void)connection;
    return false;
}
