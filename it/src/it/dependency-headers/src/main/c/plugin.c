#include <mailerq.h>
#include <greeting/greeting.h>
#include <math.h>

MQ_EXPORT int mq_version(void)
{
    return MQ_API_VERSION;
}

MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *context, MQ_SmtpConnection *connection)
{
    (void) context;
    /* cbrt comes from libm, linked because of <libraries> */
    size_t length = (size_t) cbrt((double) MQ_SmtpFileDescriptor(connection)) > 0 ? GREETING_LENGTH : 0;
    MQ_SmtpSend(connection, GREETING, length);
    return false;
}
