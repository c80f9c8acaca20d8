#include <stdio.h>
#include <mailerq.h>

MQ_EXPORT int mq_version(void)
{
    return MQ_API_VERSION;
}

MQ_EXPORT void mq_initialize(void)
{
    printf("beta initialized\n");
    fflush(stdout);
}
