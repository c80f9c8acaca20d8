/**
 * log_priorities.c - a 5.6.5+ test plugin that writes one MQ_log line at each
 * priority, and one at a priority MailerQ does not know, in mq_initialize.
 */
#include <mailerq.h>

MQ_EXPORT int mq_version(void)
{
    return MQ_API_VERSION;
}

MQ_EXPORT void mq_initialize(void)
{
    MQ_log(MQ_CRIT, "critical line");
    MQ_log(MQ_WARN, "warning line");
    MQ_log(MQ_INFO, "info line");
    MQ_log(7, "line of priority 7");
}
