/* Records nothing itself: the test reads the runtime's trace of its hooks. */
#include <mailerq.h>

MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }

#if MQ_MAILERQ_VERSION >= 40000
MQ_EXPORT bool mq_smtp_in_mailfrom(MQ_Context *c, MQ_Connection *s, MQ_Address *address)
{ (void)c; (void)s; (void)address; return false; }

MQ_EXPORT bool mq_smtp_in_rcptto(MQ_Context *c, MQ_Connection *s, MQ_Address *address)
{ (void)c; (void)s; (void)address; return false; }
#else
MQ_EXPORT bool mq_smtp_in_mailfrom(MQ_Context *c, MQ_SmtpConnection *s, const char *address, size_t size)
{ (void)c; (void)s; (void)address; (void)size; return false; }

MQ_EXPORT bool mq_smtp_in_rcptto(MQ_Context *c, MQ_SmtpConnection *s, const char *address, size_t size)
{ (void)c; (void)s; (void)address; (void)size; return false; }
#endif
