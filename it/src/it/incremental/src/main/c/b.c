#include <mailerq.h>
#include "shared.h"

MQ_EXPORT bool mq_smtp_in_rcptto(MQ_Context *context, MQ_SmtpConnection *connection,
                                 const char *rcptto, size_t size)
{
    (void) context; (void) connection; (void) rcptto;
    return size > (size_t) shared_limit();
}
