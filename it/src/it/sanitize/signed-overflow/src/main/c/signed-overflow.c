/* Weighs recipients in an int that overflows: undefined behaviour in mq_smtp_in_rcptto. */
#include <mailerq.h>
#include <limits.h>
#include <string.h>

static int weight = INT_MAX - 16;

MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }

#if MQ_MAILERQ_VERSION >= 40000
MQ_EXPORT bool mq_smtp_in_rcptto(MQ_Context *context, MQ_Connection *connection, MQ_Address *address)
#else
MQ_EXPORT bool mq_smtp_in_rcptto(MQ_Context *context, MQ_SmtpConnection *connection, const char *address,
                                 size_t size)
#endif
{
#if MQ_MAILERQ_VERSION >= 40000
    size_t size = MQ_email(address) != NULL ? strlen(MQ_email(address)) : 0;
#endif
    (void)context; (void)connection; (void)address;
    weight += (int)size; /* OVERFLOW */
    return weight < 0;
}
