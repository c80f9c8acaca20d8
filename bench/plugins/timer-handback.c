/* Takes control in every SMTP hook and hands it back from a timer of 0 s on
 * the worker thread: MQ_startTimer then MQ_continue(connection) from 4.0,
 * MQ_TimerStart then MQ_Continue(context) in 2.1/3.x. Builds for either
 * generation (-DMQ_MAILERQ_VERSION=30000 or 51300). */
#include <mailerq.h>

#if MQ_MAILERQ_VERSION >= 40000
typedef MQ_Connection Connection;
static void resume(void *connection) { MQ_continue((MQ_Connection *) connection); }
static bool later(MQ_Context *c, Connection *s)
{
    MQ_startTimer(c, 0.0f, resume, s);
    return true;
}
#define ADDRESS_ARGS(a, n) MQ_Address *a
#define UNUSED_ADDRESS(a, n) (void) a
#else
typedef MQ_SmtpConnection Connection;
static void resume(void *context) { MQ_Continue((MQ_Context *) context); }
static bool later(MQ_Context *c, Connection *s)
{
    (void) s;
    MQ_TimerStart(c, 0.0f, resume, c);
    return true;
}
#define ADDRESS_ARGS(a, n) const char *a, size_t n
#define UNUSED_ADDRESS(a, n) (void) a; (void) n
#endif

MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }
MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *c, Connection *s) { return later(c, s); }
MQ_EXPORT bool mq_smtp_in_mailfrom(MQ_Context *c, Connection *s, ADDRESS_ARGS(a, n))
{ UNUSED_ADDRESS(a, n); return later(c, s); }
MQ_EXPORT bool mq_smtp_in_rcptto(MQ_Context *c, Connection *s, ADDRESS_ARGS(a, n))
{ UNUSED_ADDRESS(a, n); return later(c, s); }
MQ_EXPORT bool mq_smtp_in_data(MQ_Context *c, Connection *s, const char *m, size_t n)
{ (void) m; (void) n; return later(c, s); }
MQ_EXPORT bool mq_smtp_in_message(MQ_Context *c, Connection *s, MQ_Message *m)
{ (void) m; return later(c, s); }
MQ_EXPORT bool mq_smtp_out_data(MQ_Context *c, Connection *s, MQ_Message *m)
{ (void) m; return later(c, s); }
