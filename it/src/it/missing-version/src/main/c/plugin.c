#include <mailerq.h>

MQ_EXPORT void mq_initialize(void)
{
}
