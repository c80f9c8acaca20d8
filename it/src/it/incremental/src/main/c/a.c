#include <mailerq.h>
#include "shared.h"

MQ_EXPORT int mq_version(void)
{
    return MQ_API_VERSION;
}

int shared_limit(void)
{
    return 10;
}
