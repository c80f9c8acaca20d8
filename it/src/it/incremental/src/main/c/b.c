#include <mailerq.h>
#include <string.h>
#include "shared.h"

#if MQ_MAILERQ_VERSION >= 40000
MQ_EXPORT bool mq_smtp_in_rcptto(MQ_Context *context, MQ_Connection *connection, MQ_Address *address)
{
    const char *rcptto = MQ_email(address);
    (void) context; (void) connection;
    return rcptto != NULL && strlen(rcptto) > (size_t) shared_limit();
}
#else
MQ_EXPORT bool mq_smtp_in_rcptto(MQ_Context *context, MQ_SmtpConnection *connection,
                                 const char *rcptto, size_t size)
{
    (void) context; (void) connection; (void) rcptto;
    return size > (size_t) shared_limit();
}
#endif
