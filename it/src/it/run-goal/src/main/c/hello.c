/* Greets each connection in the log of the test that runs it. */
#include <mailerq.h>

MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }

#if MQ_MAILERQ_VERSION >= 40000
MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *context, MQ_Connection *connection)
#else
MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *context, MQ_SmtpConnection *connection)
#endif
{
    (void)context;
    (void)connection;
    return false;
}
