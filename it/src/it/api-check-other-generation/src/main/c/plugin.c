/* Declares 2.1/3.x functions itself, so it compiles for 5.13; the check refuses it. */
#include <mailerq.h>

void MQ_Continue(MQ_Context *context);
size_t MQ_SmtpSend(void *connection, const void *buffer, size_t size);

MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }

MQ_EXPORT bool mq_smtp_in_data(MQ_Context *context, MQ_Connection *connection, const char *mime, size_t size)
{
    MQ_SmtpSend(connection, mime, size);
    MQ_Continue(context);
    return true;
}
