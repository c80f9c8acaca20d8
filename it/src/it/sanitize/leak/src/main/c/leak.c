/* Allocates a record for every connection and never frees it: mq_smtp_in_close forgets to. */
#include <mailerq.h>
#include <stdlib.h>

struct connection { int recipients; char note[100]; };

MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }

MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *context, MQ_SmtpConnection *connection)
{
    (void)context;
    MQ_SetSmtpData(connection, calloc(1, sizeof(struct connection))); /* LEAKED */
    return false;
}

MQ_EXPORT bool mq_smtp_in_close(MQ_Context *context, MQ_SmtpConnection *connection)
{
    (void)context;
    MQ_SetSmtpData(connection, NULL);
    return false;
}
