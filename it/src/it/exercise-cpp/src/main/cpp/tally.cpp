// Keeps a tally of each connection and each worker, in C++:
// - a Session per connection (new in mq_smtp_in_connect, delete in
//   mq_smtp_in_close) with the sender, recipients, login and TLS state;
// - a Worker per context (context data) counting recipients per domain;
// - mq_smtp_in_authenticate accepts bob / hunter2 only;
// - mq_smtp_in_mailfrom takes control and hands back from a timer;
// - mq_smtp_in_message writes the tally into the JSON as "x-tally";
// - mq_smtp_out_data adds X-Tally and X-Out-Data-Call headers to the MIME
//   (the call number per recipient, so a retried delivery shows 2).
// No exception leaves a hook: every hook body runs inside guarded().
#include <mailerq.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <new>
#include <string>
#include <unordered_map>
#include <vector>

// json-c is loaded by the host; the functions this plugin calls
extern "C" {
struct json_object;
int json_object_object_get_ex(const struct json_object *object, const char *key, struct json_object **value);
const char *json_object_get_string(struct json_object *object);
struct json_object *json_object_new_string(const char *text);
int json_object_object_add(struct json_object *object, const char *key, struct json_object *value);
}

namespace {

struct Worker {
    int connections = 0;
    std::unordered_map<std::string, int> recipientsPerDomain;
};

struct Session {
    int number = 0;
    bool secure = false;
    std::string login;
    std::string sender;
    std::vector<std::string> recipients;
    size_t bytes = 0;
};

bool initialized = false;
std::mutex outDataLock;
std::unordered_map<std::string, int> outDataCalls;

template <typename F>
bool guarded(F body) noexcept
{
    try {
        return body();
    } catch (...) {
        return false; // nothing may unwind into the host
    }
}

std::string lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

std::string domainOf(const std::string &address)
{
    auto at = address.rfind('@');
    return at == std::string::npos ? std::string() : address.substr(at + 1);
}

Session *session(MQ_SmtpConnection *connection)
{
    return static_cast<Session *>(MQ_SmtpData(connection));
}

Worker *worker(MQ_Context *context)
{
    return static_cast<Worker *>(MQ_ContextData(context));
}

void resume(void *context)
{
    MQ_Continue(static_cast<MQ_Context *>(context));
}

}

MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }
MQ_EXPORT void mq_initialize(void) { initialized = true; }
MQ_EXPORT void mq_cleanup(void) { initialized = false; }

MQ_EXPORT bool mq_context_initialize(MQ_Context *context)
{
    return guarded([&] {
        MQ_SetContextData(context, new Worker());
        return false;
    });
}

MQ_EXPORT bool mq_context_cleanup(MQ_Context *context)
{
    delete worker(context);
    MQ_SetContextData(context, nullptr);
    return false;
}

MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *context, MQ_SmtpConnection *connection)
{
    return guarded([&] {
        auto *s = new Session();
        if (Worker *w = worker(context)) s->number = ++w->connections;
        MQ_SetSmtpData(connection, s);
        return false;
    });
}

MQ_EXPORT bool mq_smtp_in_secure(MQ_Context *, MQ_SmtpConnection *connection)
{
    if (Session *s = session(connection)) s->secure = MQ_SmtpSecure(connection);
    return false;
}

MQ_EXPORT bool mq_smtp_in_authenticate(MQ_Context *, MQ_SmtpConnection *connection, const char *login,
                                       size_t loginsize, const char *passwd, size_t passwdsize)
{
    return guarded([&] {
        std::string user(login, loginsize);
        bool ok = user == "bob" && std::string(passwd, passwdsize) == "hunter2";
        MQ_SetSmtpAuthenticated(connection, ok);
        if (Session *s = session(connection); s && ok) s->login = user;
        return false;
    });
}

MQ_EXPORT bool mq_smtp_in_mailfrom(MQ_Context *context, MQ_SmtpConnection *connection, const char *mailfrom,
                                   size_t size)
{
    return guarded([&] {
        if (Session *s = session(connection)) {
            s->sender = lower(std::string(mailfrom, size));
            s->recipients.clear();
        }
        MQ_TimerStart(context, 0.01f, resume, context);
        return true;
    });
}

MQ_EXPORT bool mq_smtp_in_rcptto(MQ_Context *context, MQ_SmtpConnection *connection, const char *rcptto,
                                 size_t size)
{
    return guarded([&] {
        std::string address = lower(std::string(rcptto, size));
        if (Session *s = session(connection)) s->recipients.push_back(address);
        if (Worker *w = worker(context)) w->recipientsPerDomain[domainOf(address)]++;
        return false;
    });
}

MQ_EXPORT bool mq_smtp_in_data(MQ_Context *, MQ_SmtpConnection *connection, const char *, size_t size)
{
    if (Session *s = session(connection)) s->bytes = size;
    return false;
}

MQ_EXPORT bool mq_smtp_in_message(MQ_Context *context, MQ_SmtpConnection *connection, MQ_Message *message)
{
    return guarded([&] {
        Session *s = session(connection);
        Worker *w = worker(context);
        const char *recipient = MQ_Recipient(message);
        if (!s || !w || !recipient) return false;
        std::string tally = "init=" + std::to_string(initialized) + " connection=" + std::to_string(s->number)
                + " tls=" + std::to_string(s->secure) + " login=" + (s->login.empty() ? "-" : s->login)
                + " from=" + s->sender + " of=" + std::to_string(s->recipients.size())
                + " domain=" + std::to_string(w->recipientsPerDomain[domainOf(recipient)])
                + " bytes=" + std::to_string(s->bytes);
        json_object_object_add(MQ_Json(message), "x-tally", json_object_new_string(tally.c_str()));
        return false;
    });
}

MQ_EXPORT bool mq_smtp_in_close(MQ_Context *, MQ_SmtpConnection *connection)
{
    delete session(connection);
    MQ_SetSmtpData(connection, nullptr);
    return false;
}

MQ_EXPORT bool mq_smtp_out_data(MQ_Context *, MQ_SmtpConnection *, MQ_Message *message)
{
    return guarded([&] {
        json_object *mime = nullptr;
        json_object *tally = nullptr;
        if (!json_object_object_get_ex(MQ_Json(message), "mime", &mime)) return false;
        std::string recipient = MQ_Recipient(message) ? MQ_Recipient(message) : "";
        int call;
        {
            std::lock_guard<std::mutex> guard(outDataLock);
            call = ++outDataCalls[recipient];
        }
        std::string stamped = "X-Tally: "
                + std::string(json_object_object_get_ex(MQ_Json(message), "x-tally", &tally)
                        ? json_object_get_string(tally) : "-")
                + "\r\nX-Out-Data-Call: " + std::to_string(call) + "\r\n" + json_object_get_string(mime);
        MQ_SetMime(message, stamped.data(), stamped.size());
        return false;
    });
}
