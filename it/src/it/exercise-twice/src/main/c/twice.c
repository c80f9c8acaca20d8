/* Hands control back twice from one timer in RCPT TO. */
#include <mailerq.h>

MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }

#if MQ_MAILERQ_VERSION >= 40000
static void twice(void *connection)
{
    MQ_continue(connection);
    MQ_continue(connection);
}

MQ_EXPORT bool mq_smtp_in_rcptto(MQ_Context *c, MQ_Connection *s, MQ_Address *address)
{
    (void)address;
    MQ_startTimer(c, 0.001f, twice, s);
    return true;
}
#else
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
#endif
