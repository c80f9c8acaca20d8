/* Weighs recipients in an int that overflows: undefined behaviour in mq_smtp_in_rcptto. */
#include <mailerq.h>
#include <limits.h>

static int weight = INT_MAX - 16;

MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }

MQ_EXPORT bool mq_smtp_in_rcptto(MQ_Context *context, MQ_SmtpConnection *connection, const char *address,
                                 size_t size)
{
    (void)context; (void)connection; (void)address;
    weight += (int)size; /* OVERFLOW */
    return weight < 0;
}
