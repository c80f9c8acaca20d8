#include <mailerq.h>

MQ_EXPORT int mq_version(void)
{
    return MQ_API_VERSION;
}

// an overload with C++ linkage, never called by MailerQ
#if MQ_MAILERQ_VERSION >= 40000
// the address is a string here, not the header's MQ_Address
__attribute__((visibility("default"))) bool mq_smtp_in_rcptto(MQ_Context *, MQ_Connection *, const char *)
#else
// the size is an int here, not the header's size_t
__attribute__((visibility("default"))) bool mq_smtp_in_rcptto(MQ_Context *, MQ_SmtpConnection *, const char *, int)
#endif
{
    return false;
}
