/* Exports every hook; each returns false at once (the plugin is done).
 * Builds for either API generation (-DMQ_MAILERQ_VERSION=30000 or 51300). */
#include <mailerq.h>

#if MQ_MAILERQ_VERSION >= 40000
typedef MQ_Connection Connection;
#define ADDRESS_ARGS(a, n) MQ_Address *a
#define UNUSED_ADDRESS(a, n) (void) a
#define CONTEXT_HOOK void
#define CONTEXT_DONE
#else
typedef MQ_SmtpConnection Connection;
#define ADDRESS_ARGS(a, n) const char *a, size_t n
#define UNUSED_ADDRESS(a, n) (void) a; (void) n
#define CONTEXT_HOOK bool
#define CONTEXT_DONE false
#endif

MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }
MQ_EXPORT void mq_initialize(void) { }
MQ_EXPORT void mq_cleanup(void) { }
MQ_EXPORT CONTEXT_HOOK mq_context_initialize(MQ_Context *c) { (void) c; return CONTEXT_DONE; }
MQ_EXPORT CONTEXT_HOOK mq_context_cleanup(MQ_Context *c) { (void) c; return CONTEXT_DONE; }
MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *c, Connection *s) { (void) c; (void) s; return false; }
MQ_EXPORT bool mq_smtp_in_secure(MQ_Context *c, Connection *s) { (void) c; (void) s; return false; }
MQ_EXPORT bool mq_smtp_in_authenticate(MQ_Context *c, Connection *s,
                                       const char *l, size_t ls, const char *p, size_t ps)
{ (void) c; (void) s; (void) l; (void) ls; (void) p; (void) ps; return false; }
MQ_EXPORT bool mq_smtp_in_mailfrom(MQ_Context *c, Connection *s, ADDRESS_ARGS(a, n))
{ (void) c; (void) s; UNUSED_ADDRESS(a, n); return false; }
MQ_EXPORT bool mq_smtp_in_rcptto(MQ_Context *c, Connection *s, ADDRESS_ARGS(a, n))
{ (void) c; (void) s; UNUSED_ADDRESS(a, n); return false; }
MQ_EXPORT bool mq_smtp_in_data(MQ_Context *c, Connection *s, const char *m, size_t n)
{ (void) c; (void) s; (void) m; (void) n; return false; }
MQ_EXPORT bool mq_smtp_in_message(MQ_Context *c, Connection *s, MQ_Message *m)
{ (void) c; (void) s; (void) m; return false; }
MQ_EXPORT bool mq_smtp_in_close(MQ_Context *c, Connection *s) { (void) c; (void) s; return false; }
MQ_EXPORT bool mq_smtp_out_data(MQ_Context *c, Connection *s, MQ_Message *m)
{ (void) c; (void) s; (void) m; return false; }
#if MQ_MAILERQ_VERSION >= 40000
MQ_EXPORT bool mq_smtp_out_sent(MQ_Context *c, Connection *s, MQ_Message *m)
{ (void) c; (void) s; (void) m; return false; }
#endif
