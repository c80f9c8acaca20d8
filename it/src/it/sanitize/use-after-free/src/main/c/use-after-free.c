/* Frees the connection's record, then reads it: a use after free in mq_smtp_in_close. */
#include <mailerq.h>
#include <stdlib.h>

struct connection { int recipients; };

MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }

MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *context, MQ_SmtpConnection *connection)
{
    (void)context;
    MQ_SetSmtpData(connection, calloc(1, sizeof(struct connection))); /* ALLOCATED */
    return false;
}

MQ_EXPORT bool mq_smtp_in_rcptto(MQ_Context *context, MQ_SmtpConnection *connection, const char *address,
                                 size_t size)
{
    struct connection *data = MQ_SmtpData(connection);
    (void)context; (void)address; (void)size;
    if (data != NULL) data->recipients++;
    return false;
}

MQ_EXPORT bool mq_smtp_in_close(MQ_Context *context, MQ_SmtpConnection *connection)
{
    struct connection *data = MQ_SmtpData(connection);
    (void)context;
    free(data); /* FREED */
    MQ_SetSmtpData(connection, NULL);
    return data != NULL && data->recipients > 100; /* USED */
}
