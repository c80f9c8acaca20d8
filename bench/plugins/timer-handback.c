/* Takes control in every SMTP hook and hands it back from a timer of 0 s:
 * MQ_TimerStart(context, 0, ...) then MQ_Continue on the worker thread. */
#include <mailerq.h>

static void resume(void *context) { MQ_Continue((MQ_Context *) context); }

static bool later(MQ_Context *c)
{
    MQ_TimerStart(c, 0.0f, resume, c);
    return true;
}

MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }
MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *c, MQ_SmtpConnection *s) { (void) s; return later(c); }
MQ_EXPORT bool mq_smtp_in_mailfrom(MQ_Context *c, MQ_SmtpConnection *s, const char *a, size_t n)
{ (void) s; (void) a; (void) n; return later(c); }
MQ_EXPORT bool mq_smtp_in_rcptto(MQ_Context *c, MQ_SmtpConnection *s, const char *a, size_t n)
{ (void) s; (void) a; (void) n; return later(c); }
MQ_EXPORT bool mq_smtp_in_data(MQ_Context *c, MQ_SmtpConnection *s, const char *m, size_t n)
{ (void) s; (void) m; (void) n; return later(c); }
MQ_EXPORT bool mq_smtp_in_message(MQ_Context *c, MQ_SmtpConnection *s, MQ_Message *m)
{ (void) s; (void) m; return later(c); }
MQ_EXPORT bool mq_smtp_out_data(MQ_Context *c, MQ_SmtpConnection *s, MQ_Message *m)
{ (void) s; (void) m; return later(c); }
