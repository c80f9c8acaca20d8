/* A plugin with one hook that does nothing. */
#include <mailerq.h>

MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }

MQ_EXPORT bool mq_smtp_in_mailfrom(MQ_Context *c, MQ_SmtpConnection *s, const char *address, size_t size)
{
    (void)c; (void)s; (void)address; (void)size;
    return false;
}
