/* Hands control back twice from one timer in RCPT TO. */
#include <mailerq.h>

MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }

static void twice(void *context)
{
    MQ_Continue(context);
    MQ_Continue(context);
}

MQ_EXPORT bool mq_smtp_in_rcptto(MQ_Context *c, MQ_SmtpConnection *s, const char *address, size_t size)
{
    (void)s; (void)address; (void)size;
    MQ_TimerStart(c, 0.001f, twice, c);
    return true;
}
