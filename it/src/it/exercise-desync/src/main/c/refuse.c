/* Tries to refuse every recipient by writing a 550 with MQ_SmtpSend (MQ_send
 * from 4.0). The plugin API has no refusal: MailerQ still sends its own reply
 * to RCPT TO after the hook, so the client gets one reply more than it sent
 * commands. */
#include <mailerq.h>

MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }

static const char refusal[] = "550 5.7.1 recipient refused\r\n";

#if MQ_MAILERQ_VERSION >= 40000
MQ_EXPORT bool mq_smtp_in_rcptto(MQ_Context *c, MQ_Connection *s, MQ_Address *address)
{
    (void)c; (void)address;
    MQ_send(s, refusal, sizeof refusal - 1);
    return false;
}
#else
MQ_EXPORT bool mq_smtp_in_rcptto(MQ_Context *c, MQ_SmtpConnection *s, const char *address, size_t size)
{
    (void)c; (void)address; (void)size;
    MQ_SmtpSend(s, refusal, sizeof refusal - 1);
    return false;
}
#endif
