#include <mailerq.h>

MQ_EXPORT int mq_version(void)
{
    return MQ_API_VERSION;
}

MQ_EXPORT void mq_initialize(void)
{
    /* declared nowhere: an error, not a warning */
    policy_lookup("example.com");
}
