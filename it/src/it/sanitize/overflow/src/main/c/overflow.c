/* Copies the sender without room for its terminating NUL: a heap overflow in mq_smtp_in_mailfrom. */
#include <mailerq.h>
#include <stdlib.h>
#include <string.h>

MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }

MQ_EXPORT bool mq_smtp_in_mailfrom(MQ_Context *context, MQ_SmtpConnection *connection, const char *address,
                                   size_t size)
{
    char *sender = malloc(size); /* ALLOCATED */
    (void)context;
    if (sender == NULL) return false;
    memcpy(sender, address, size);
    sender[size] = '\0'; /* OVERFLOW */
    free(MQ_SmtpData(connection));
    MQ_SetSmtpData(connection, sender);
    return false;
}

MQ_EXPORT bool mq_smtp_in_close(MQ_Context *context, MQ_SmtpConnection *connection)
{
    (void)context;
    free(MQ_SmtpData(connection));
    return false;
}
