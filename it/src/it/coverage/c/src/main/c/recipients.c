/* Counts recipients. The exercise sends two (at exercise.mqkit.dev), the test one more to example.com:
 * only the test reaches TESTED; no RCPT is without an address, so NEVER is missed. */
#include <mailerq.h>
#include "domains.h"

static int weight;

MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }

MQ_EXPORT bool mq_smtp_in_rcptto(MQ_Context *context, MQ_Connection *connection, MQ_Address *address)
{
    const char *email = MQ_email(address);
    (void)context; (void)connection;
    if (email == NULL) {
        return false; /* NEVER */
    }
    if (is_local(email)) {
        weight += 10; /* TESTED */
    }
    weight++;
    return false;
}
