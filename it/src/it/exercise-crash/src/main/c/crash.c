/* Crashes in mq_smtp_in_data: the exercise must name the signal, the plugin and the hook. */
#include <mailerq.h>
#include <stddef.h>

MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }

MQ_EXPORT bool mq_smtp_in_data(MQ_Context *c, MQ_SmtpConnection *s, const char *mime, size_t size)
{
    volatile int *nowhere = NULL;
    (void)c; (void)s; (void)mime;
    *nowhere = (int)size;
    return false;
}
