/* Copies the sender without room for its terminating NUL: a heap overflow in mq_smtp_in_mailfrom. */
#include <mailerq.h>
#include <stdlib.h>
#include <string.h>

#if MQ_MAILERQ_VERSION < 40000
/* the 2.1/3.x names of the 4.0+ calls below */
#define MQ_Connection MQ_SmtpConnection
#define MQ_connectionData MQ_SmtpData
#define MQ_setConnectionData MQ_SetSmtpData
#endif

MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }

#if MQ_MAILERQ_VERSION >= 40000
MQ_EXPORT bool mq_smtp_in_mailfrom(MQ_Context *context, MQ_Connection *connection, MQ_Address *envelope)
#else
MQ_EXPORT bool mq_smtp_in_mailfrom(MQ_Context *context, MQ_Connection *connection, const char *address,
                                   size_t size)
#endif
{
#if MQ_MAILERQ_VERSION >= 40000
    const char *address = MQ_email(envelope);
    size_t size = address != NULL ? strlen(address) : 0;
#endif
    char *sender = malloc(size); /* ALLOCATED */
    (void)context;
    if (sender == NULL) return false;
    memcpy(sender, address, size);
    sender[size] = '\0'; /* OVERFLOW */
    free(MQ_connectionData(connection));
    MQ_setConnectionData(connection, sender);
    return false;
}

MQ_EXPORT bool mq_smtp_in_close(MQ_Context *context, MQ_Connection *connection)
{
    (void)context;
    free(MQ_connectionData(connection));
    return false;
}
