// Keeps a tally of each connection and each worker, in C++:
// - a Session per connection (new in mq_smtp_in_connect, delete in
//   mq_smtp_in_close) with the sender, recipients, login and TLS state;
// - a Worker per context (context data) counting recipients per domain;
// - mq_smtp_in_authenticate accepts bob / hunter2 only;
// - mq_smtp_in_mailfrom takes control and hands back from a timer;
// - mq_smtp_in_message writes the tally into the JSON as "x-tally";
// - mq_smtp_out_data adds X-Tally and X-Out-Data-Call headers to the MIME
//   (the call number per recipient, so a retried delivery shows 2);
// - mq_smtp_out_sent (4.0+) only returns: the trace shows when it ran.
// No exception leaves a hook: every hook body runs inside guarded().
// Written in the 4.0-5.13 API; built for 2.1/3.x, the same calls have the
// names of the block below.
#include <mailerq.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <new>
#include <string>
#include <unordered_map>
#include <vector>

#if MQ_MAILERQ_VERSION < 40000
#define MQ_Connection MQ_SmtpConnection
#define MQ_contextData MQ_ContextData
#define MQ_setContextData MQ_SetContextData
#define MQ_connectionData MQ_SmtpData
#define MQ_setConnectionData MQ_SetSmtpData
#define MQ_secure MQ_SmtpSecure
#define MQ_setAuthenticated MQ_SetSmtpAuthenticated
#define MQ_json MQ_Json
#define MQ_recipient MQ_Recipient
#define MQ_setMime MQ_SetMime
#endif

#if MQ_MAILERQ_VERSION >= 50000
// libfastjson is loaded by the host (5.0+); the functions this plugin calls, by their json-c names, as
// libfastjson's own json-c compatibility layer maps them
extern "C" {
struct fjson_object;
int fjson_object_object_get_ex(struct fjson_object *object, const char *key, struct fjson_object **value);
const char *fjson_object_get_string(struct fjson_object *object);
struct fjson_object *fjson_object_new_string(const char *text);
void fjson_object_object_add(struct fjson_object *object, const char *key, struct fjson_object *value);
}
#define json_object fjson_object
#define json_object_object_get_ex fjson_object_object_get_ex
#define json_object_get_string fjson_object_get_string
#define json_object_new_string fjson_object_new_string
#define json_object_object_add fjson_object_object_add
#else
// json-c is loaded by the host (before 5.0); the functions this plugin calls
extern "C" {
struct json_object;
int json_object_object_get_ex(const struct json_object *object, const char *key, struct json_object **value);
const char *json_object_get_string(struct json_object *object);
struct json_object *json_object_new_string(const char *text);
int json_object_object_add(struct json_object *object, const char *key, struct json_object *value);
}
#endif

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

Session *session(MQ_Connection *connection)
{
    return static_cast<Session *>(MQ_connectionData(connection));
}

Worker *worker(MQ_Context *context)
{
    return static_cast<Worker *>(MQ_contextData(context));
}

#if MQ_MAILERQ_VERSION >= 40000
// 4.0+: the connection names the call that hands back
void resume(void *connection)
{
    MQ_continue(static_cast<MQ_Connection *>(connection));
}
#else
// 2.1/3.x: the context names the call that hands back
void resume(void *context)
{
    MQ_Continue(static_cast<MQ_Context *>(context));
}
#endif

bool rememberSender(MQ_Context *context, MQ_Connection *connection, const std::string &mailfrom)
{
    if (Session *s = session(connection)) {
        s->sender = lower(mailfrom);
        s->recipients.clear();
    }
#if MQ_MAILERQ_VERSION >= 40000
    MQ_startTimer(context, 0.01f, resume, connection);
#else
    MQ_TimerStart(context, 0.01f, resume, context);
#endif
    return true;
}

bool countRecipient(MQ_Context *context, MQ_Connection *connection, const std::string &rcptto)
{
    std::string address = lower(rcptto);
    if (Session *s = session(connection)) s->recipients.push_back(address);
    if (Worker *w = worker(context)) w->recipientsPerDomain[domainOf(address)]++;
    return false;
}

#if MQ_MAILERQ_VERSION >= 40000
std::string emailOf(MQ_Address *address)
{
    const char *text = MQ_email(address);
    return text != nullptr ? text : "";
}
#endif

}

MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }
MQ_EXPORT void mq_initialize(void) { initialized = true; }
MQ_EXPORT void mq_cleanup(void) { initialized = false; }

#if MQ_MAILERQ_VERSION >= 40000
MQ_EXPORT void mq_context_initialize(MQ_Context *context)
{
    guarded([&] {
        MQ_setContextData(context, new Worker());
        return false;
    });
}

MQ_EXPORT void mq_context_cleanup(MQ_Context *context)
{
    delete worker(context);
    MQ_setContextData(context, nullptr);
}
#else
MQ_EXPORT bool mq_context_initialize(MQ_Context *context)
{
    return guarded([&] {
        MQ_setContextData(context, new Worker());
        return false;
    });
}

MQ_EXPORT bool mq_context_cleanup(MQ_Context *context)
{
    delete worker(context);
    MQ_setContextData(context, nullptr);
    return false;
}
#endif

MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *context, MQ_Connection *connection)
{
    return guarded([&] {
        auto *s = new Session();
        if (Worker *w = worker(context)) s->number = ++w->connections;
        MQ_setConnectionData(connection, s);
        return false;
    });
}

MQ_EXPORT bool mq_smtp_in_secure(MQ_Context *, MQ_Connection *connection)
{
    if (Session *s = session(connection)) s->secure = MQ_secure(connection);
    return false;
}

MQ_EXPORT bool mq_smtp_in_authenticate(MQ_Context *, MQ_Connection *connection, const char *login,
                                       size_t loginsize, const char *passwd, size_t passwdsize)
{
    return guarded([&] {
        std::string user(login, loginsize);
        bool ok = user == "bob" && std::string(passwd, passwdsize) == "hunter2";
        MQ_setAuthenticated(connection, ok);
        if (Session *s = session(connection); s && ok) s->login = user;
        return false;
    });
}

#if MQ_MAILERQ_VERSION >= 40000
MQ_EXPORT bool mq_smtp_in_mailfrom(MQ_Context *context, MQ_Connection *connection, MQ_Address *envelope)
{
    return guarded([&] { return rememberSender(context, connection, emailOf(envelope)); });
}

MQ_EXPORT bool mq_smtp_in_rcptto(MQ_Context *context, MQ_Connection *connection, MQ_Address *address)
{
    return guarded([&] { return countRecipient(context, connection, emailOf(address)); });
}
#else
MQ_EXPORT bool mq_smtp_in_mailfrom(MQ_Context *context, MQ_Connection *connection, const char *mailfrom,
                                   size_t size)
{
    return guarded([&] { return rememberSender(context, connection, std::string(mailfrom, size)); });
}

MQ_EXPORT bool mq_smtp_in_rcptto(MQ_Context *context, MQ_Connection *connection, const char *rcptto,
                                 size_t size)
{
    return guarded([&] { return countRecipient(context, connection, std::string(rcptto, size)); });
}
#endif

MQ_EXPORT bool mq_smtp_in_data(MQ_Context *, MQ_Connection *connection, const char *, size_t size)
{
    if (Session *s = session(connection)) s->bytes = size;
    return false;
}

MQ_EXPORT bool mq_smtp_in_message(MQ_Context *context, MQ_Connection *connection, MQ_Message *message)
{
    return guarded([&] {
        Session *s = session(connection);
        Worker *w = worker(context);
        const char *recipient = MQ_recipient(message);
        if (!s || !w || !recipient) return false;
        std::string tally = "init=" + std::to_string(initialized) + " connection=" + std::to_string(s->number)
                + " tls=" + std::to_string(s->secure) + " login=" + (s->login.empty() ? "-" : s->login)
                + " from=" + s->sender + " of=" + std::to_string(s->recipients.size())
                + " domain=" + std::to_string(w->recipientsPerDomain[domainOf(recipient)])
                + " bytes=" + std::to_string(s->bytes);
        json_object_object_add(MQ_json(message), "x-tally", json_object_new_string(tally.c_str()));
        return false;
    });
}

MQ_EXPORT bool mq_smtp_in_close(MQ_Context *, MQ_Connection *connection)
{
    delete session(connection);
    MQ_setConnectionData(connection, nullptr);
    return false;
}

MQ_EXPORT bool mq_smtp_out_data(MQ_Context *, MQ_Connection *, MQ_Message *message)
{
    return guarded([&] {
        json_object *mime = nullptr;
        json_object *tally = nullptr;
        if (!json_object_object_get_ex(MQ_json(message), "mime", &mime)) return false;
        std::string recipient = MQ_recipient(message) ? MQ_recipient(message) : "";
        int call;
        {
            std::lock_guard<std::mutex> guard(outDataLock);
            call = ++outDataCalls[recipient];
        }
        std::string stamped = "X-Tally: "
                + std::string(json_object_object_get_ex(MQ_json(message), "x-tally", &tally)
                        ? json_object_get_string(tally) : "-")
                + "\r\nX-Out-Data-Call: " + std::to_string(call) + "\r\n" + json_object_get_string(mime);
        MQ_setMime(message, stamped.data(), stamped.size());
        return false;
    });
}

#if MQ_MAILERQ_VERSION >= 40000
MQ_EXPORT bool mq_smtp_out_sent(MQ_Context *, MQ_Connection *, MQ_Message *)
{
    return false;
}
#endif
