/* A plugin the clean one depends on: a buffer for the whole plugin, a scratch copy of each message. */
#include <mailerq.h>
#include <stdlib.h>
#include <string.h>

static char *greeting;
static size_t longest;

MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }

MQ_EXPORT void mq_initialize(void)
{
    greeting = malloc(32);
    if (greeting != NULL) strcpy(greeting, "base");
}

MQ_EXPORT void mq_cleanup(void)
{
    free(greeting);
    greeting = NULL;
}

#if MQ_MAILERQ_VERSION >= 40000
MQ_EXPORT bool mq_smtp_in_data(MQ_Context *context, MQ_Connection *connection, const char *mime, size_t size)
#else
MQ_EXPORT bool mq_smtp_in_data(MQ_Context *context, MQ_SmtpConnection *connection, const char *mime, size_t size)
#endif
{
    char *copy = malloc(size + 1);
    (void)context; (void)connection;
    if (copy == NULL) return false;
    memcpy(copy, mime, size);
    copy[size] = '\0';
    if (strlen(copy) > longest) longest = strlen(copy);
    free(copy);
    return false;
}
