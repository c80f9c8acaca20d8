/* Frees the connection's record, then reads it: a use after free in mq_smtp_in_close. */
#include <mailerq.h>
#include <stdlib.h>

#if MQ_MAILERQ_VERSION < 40000
/* the 2.1/3.x names of the 4.0+ calls below */
#define MQ_Connection MQ_SmtpConnection
#define MQ_connectionData MQ_SmtpData
#define MQ_setConnectionData MQ_SetSmtpData
#endif

struct connection { int recipients; };

MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }

MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *context, MQ_Connection *connection)
{
    (void)context;
    MQ_setConnectionData(connection, calloc(1, sizeof(struct connection))); /* ALLOCATED */
    return false;
}

#if MQ_MAILERQ_VERSION >= 40000
MQ_EXPORT bool mq_smtp_in_rcptto(MQ_Context *context, MQ_Connection *connection, MQ_Address *address)
{
    struct connection *data = MQ_connectionData(connection);
    (void)context; (void)address;
    if (data != NULL) data->recipients++;
    return false;
}
#else
MQ_EXPORT bool mq_smtp_in_rcptto(MQ_Context *context, MQ_Connection *connection, const char *address,
                                 size_t size)
{
    struct connection *data = MQ_connectionData(connection);
    (void)context; (void)address; (void)size;
    if (data != NULL) data->recipients++;
    return false;
}
#endif

MQ_EXPORT bool mq_smtp_in_close(MQ_Context *context, MQ_Connection *connection)
{
    struct connection *data = MQ_connectionData(connection);
    (void)context;
    free(data); /* FREED */
    MQ_setConnectionData(connection, NULL);
    return data != NULL && data->recipients > 100; /* USED */
}
