#include <mailerq.h>

MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }
