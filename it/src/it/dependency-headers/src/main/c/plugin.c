#include <mailerq.h>
#include <greeting/greeting.h>

MQ_EXPORT int mq_version(void)
{
    return MQ_API_VERSION;
}

MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *context, MQ_SmtpConnection *connection)
{
    (void) context;
    MQ_SmtpSend(connection, GREETING, GREETING_LENGTH);
    return false;
}
