/* Allocates a record for every connection and never frees it: mq_smtp_in_close forgets to. */
#include <mailerq.h>
#include <stdlib.h>

#if MQ_MAILERQ_VERSION < 40000
/* the 2.1/3.x names of the 4.0+ calls below */
#define MQ_Connection MQ_SmtpConnection
#define MQ_setConnectionData MQ_SetSmtpData
#endif

struct connection { int recipients; char note[100]; };

MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }

MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *context, MQ_Connection *connection)
{
    (void)context;
    MQ_setConnectionData(connection, calloc(1, sizeof(struct connection))); /* LEAKED */
    return false;
}

MQ_EXPORT bool mq_smtp_in_close(MQ_Context *context, MQ_Connection *connection)
{
    (void)context;
    MQ_setConnectionData(connection, NULL);
    return false;
}
