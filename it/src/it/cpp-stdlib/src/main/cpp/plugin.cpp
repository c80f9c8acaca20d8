#include <mailerq.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace {

// template instantiations of the standard library that -fvisibility=hidden alone would export
std::map<std::string, std::vector<std::string>> senders;
std::mutex lock;

std::string lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

bool remember(const std::string &mailfrom)
{
    std::lock_guard<std::mutex> guard(lock);
    std::string address = lower(mailfrom);
    senders[address].push_back(address);
    return false;
}

}

MQ_EXPORT int mq_version(void)
{
    return MQ_API_VERSION;
}

#if MQ_MAILERQ_VERSION >= 40000
MQ_EXPORT bool mq_smtp_in_mailfrom(MQ_Context *, MQ_Connection *, MQ_Address *envelope)
{
    const char *email = MQ_email(envelope);
    return remember(email != nullptr ? email : "");
}
#else
MQ_EXPORT bool mq_smtp_in_mailfrom(MQ_Context *, MQ_SmtpConnection *, const char *mailfrom, size_t size)
{
    return remember(std::string(mailfrom, size));
}
#endif

#if MQ_MAILERQ_VERSION >= 40000
MQ_EXPORT bool mq_smtp_in_close(MQ_Context *, MQ_Connection *)
#else
MQ_EXPORT bool mq_smtp_in_close(MQ_Context *, MQ_SmtpConnection *)
#endif
{
    std::lock_guard<std::mutex> guard(lock);
    senders.clear();
    return false;
}
