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

}

MQ_EXPORT int mq_version(void)
{
    return MQ_API_VERSION;
}

MQ_EXPORT bool mq_smtp_in_mailfrom(MQ_Context *, MQ_SmtpConnection *, const char *mailfrom, size_t size)
{
    std::lock_guard<std::mutex> guard(lock);
    std::string address = lower(std::string(mailfrom, size));
    senders[address].push_back(address);
    return false;
}

MQ_EXPORT bool mq_smtp_in_close(MQ_Context *, MQ_SmtpConnection *)
{
    std::lock_guard<std::mutex> guard(lock);
    senders.clear();
    return false;
}
