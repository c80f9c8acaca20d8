#include <mailerq.h>

#if MQ_MAILERQ_VERSION >= 40000
MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *context, MQ_Connection *connection)
#else
MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *context, MQ_SmtpConnection *connection)
#endif
{
    (void) context; (void) connection;
    return false;
}
