#include <mailerq.h>

MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *context, MQ_SmtpConnection *connection)
{
    (void) context; (void) connection;
    return false;
}
