// Weighs recipients by the length of their address, bounded to 5..30: the exercise's are 24 and 25 long, the
// test's 34, so only the test reaches HIGH; none is shorter than 5, so LOW is missed.
#include <mailerq.h>
#include <cstring>
#include "bounds.hpp"

namespace {
long weight;
}

extern "C" {

MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }

MQ_EXPORT bool mq_smtp_in_rcptto(MQ_Context *context, MQ_Connection *connection, MQ_Address *address)
{
    (void)context; (void)connection;
    const char *email = MQ_email(address);
    long length = email == nullptr ? 0 : (long) std::strlen(email); // NULL: never taken
    weight += bounded(length, 5L, 30L);
    return false;
}

}
