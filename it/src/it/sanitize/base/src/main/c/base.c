/* A plugin the clean one depends on: a buffer for the whole plugin, a count per connection. */
#include <mailerq.h>
#include <stdlib.h>
#include <string.h>

struct count { size_t bytes; };

static char *greeting;

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

MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *context, MQ_SmtpConnection *connection)
{
    (void)context;
    MQ_SetSmtpData(connection, calloc(1, sizeof(struct count)));
    return false;
}

MQ_EXPORT bool mq_smtp_in_data(MQ_Context *context, MQ_SmtpConnection *connection, const char *mime, size_t size)
{
    struct count *count = MQ_SmtpData(connection);
    (void)context; (void)mime;
    if (count != NULL) count->bytes += size;
    return false;
}

MQ_EXPORT bool mq_smtp_in_close(MQ_Context *context, MQ_SmtpConnection *connection)
{
    (void)context;
    free(MQ_SmtpData(connection));
    MQ_SetSmtpData(connection, NULL);
    return false;
}
