/* Exports every hook; each returns false at once (the plugin is done). */
#include <mailerq.h>

MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }
MQ_EXPORT void mq_initialize(void) { }
MQ_EXPORT void mq_cleanup(void) { }
MQ_EXPORT bool mq_context_initialize(MQ_Context *c) { (void) c; return false; }
MQ_EXPORT bool mq_context_cleanup(MQ_Context *c) { (void) c; return false; }
MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *c, MQ_SmtpConnection *s) { (void) c; (void) s; return false; }
MQ_EXPORT bool mq_smtp_in_secure(MQ_Context *c, MQ_SmtpConnection *s) { (void) c; (void) s; return false; }
MQ_EXPORT bool mq_smtp_in_authenticate(MQ_Context *c, MQ_SmtpConnection *s,
                                       const char *l, size_t ls, const char *p, size_t ps)
{ (void) c; (void) s; (void) l; (void) ls; (void) p; (void) ps; return false; }
MQ_EXPORT bool mq_smtp_in_mailfrom(MQ_Context *c, MQ_SmtpConnection *s, const char *a, size_t n)
{ (void) c; (void) s; (void) a; (void) n; return false; }
MQ_EXPORT bool mq_smtp_in_rcptto(MQ_Context *c, MQ_SmtpConnection *s, const char *a, size_t n)
{ (void) c; (void) s; (void) a; (void) n; return false; }
MQ_EXPORT bool mq_smtp_in_data(MQ_Context *c, MQ_SmtpConnection *s, const char *m, size_t n)
{ (void) c; (void) s; (void) m; (void) n; return false; }
MQ_EXPORT bool mq_smtp_in_message(MQ_Context *c, MQ_SmtpConnection *s, MQ_Message *m)
{ (void) c; (void) s; (void) m; return false; }
MQ_EXPORT bool mq_smtp_in_close(MQ_Context *c, MQ_SmtpConnection *s) { (void) c; (void) s; return false; }
MQ_EXPORT bool mq_smtp_out_data(MQ_Context *c, MQ_SmtpConnection *s, MQ_Message *m)
{ (void) c; (void) s; (void) m; return false; }
