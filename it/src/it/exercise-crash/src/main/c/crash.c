/* Crashes in mq_smtp_in_data, in a function of another file that the hook calls:
 * the exercise must name the signal, the plugin, the hook and the source line,
 * with the plugin's frames, and keep the calls before the crash. */
#include <mailerq.h>
#include <stddef.h>
#include "lines.h"

MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }

#if MQ_MAILERQ_VERSION >= 40000
MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *c, MQ_Connection *s)
#else
MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *c, MQ_SmtpConnection *s)
#endif
{
    (void)c; (void)s;
    return false;
}

#if MQ_MAILERQ_VERSION >= 40000
MQ_EXPORT bool mq_smtp_in_data(MQ_Context *c, MQ_Connection *s, const char *mime, size_t size)
#else
MQ_EXPORT bool mq_smtp_in_data(MQ_Context *c, MQ_SmtpConnection *s, const char *mime, size_t size)
#endif
{
    (void)c; (void)s;
    size_t lines = count_lines(mime, size);
    return lines == 0;
}
