#include <mailerq.h>
#include <greeting/greeting.h>
#include <math.h>

MQ_EXPORT int mq_version(void)
{
    return MQ_API_VERSION;
}

/* cbrt comes from libm, linked because of <libraries> */
static size_t greeting_length(int socket)
{
    return (size_t) cbrt((double) socket) > 0 ? GREETING_LENGTH : 0;
}

#if MQ_MAILERQ_VERSION >= 40000
MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *context, MQ_Connection *connection)
{
    (void) context;
    MQ_send(connection, GREETING, greeting_length(MQ_fileDescriptor(connection)));
    return false;
}
#else
MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *context, MQ_SmtpConnection *connection)
{
    (void) context;
    MQ_SmtpSend(connection, GREETING, greeting_length(MQ_SmtpFileDescriptor(connection)));
    return false;
}
#endif
