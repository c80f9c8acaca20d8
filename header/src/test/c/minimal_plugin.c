/* The minimal plugin of the documentation. */
#include <mailerq.h>

/* Not exported: -fvisibility=hidden keeps it out of the dynamic symbol table. */
int helper_counter = 0;

MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }

MQ_EXPORT void mq_initialize(void) { helper_counter++; }

MQ_EXPORT void mq_cleanup(void) { helper_counter--; }
