#include <mailerq.h>

MQ_EXPORT int mq_version(void)
{
    return MQ_API_VERSION;
}

// the size is an int here, not the header's size_t: an overload with C++ linkage, never called by MailerQ
__attribute__((visibility("default"))) bool mq_smtp_in_rcptto(MQ_Context *, MQ_SmtpConnection *, const char *, int)
{
    return false;
}
