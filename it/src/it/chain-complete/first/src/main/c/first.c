/* Completes MAIL FROM itself: the plugins after it are not asked. */
#include <mailerq.h>

MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }

#if MQ_MAILERQ_VERSION >= 40000
static void complete(void *connection) { MQ_complete(connection); }

MQ_EXPORT bool mq_smtp_in_mailfrom(MQ_Context *c, MQ_Connection *s, MQ_Address *address)
{
    (void)address;
    MQ_startTimer(c, 0.005f, complete, s);
    return true;
}
#else
static void complete(void *context) { MQ_Complete(context); }

MQ_EXPORT bool mq_smtp_in_mailfrom(MQ_Context *c, MQ_SmtpConnection *s, const char *address, size_t size)
{
    (void)s; (void)address; (void)size;
    MQ_TimerStart(c, 0.005f, complete, c);
    return true;
}
#endif
