/* Blocks its worker inside MAIL FROM: sleeps in the hook instead of
 * taking control and waiting on the event loop. */
#include <mailerq.h>
#include <unistd.h>

MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }

MQ_EXPORT bool mq_smtp_in_mailfrom(MQ_Context *c, MQ_SmtpConnection *s, const char *address, size_t size)
{
    (void)c; (void)s; (void)address; (void)size;
    sleep(60);
    return false;
}
