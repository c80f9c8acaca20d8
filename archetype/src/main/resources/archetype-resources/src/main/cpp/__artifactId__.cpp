/*
 * A MailerQ plugin that remembers who logged in.
 *
 * - mq_smtp_in_authenticate accepts a login (a demo rule: any login with a
 *   non-empty password; put your own check there) and keeps the login in
 *   the connection's data;
 * - mq_smtp_in_message records it in each received message's JSON as
 *   "authenticated-user", so it travels with the message to the outbox and
 *   to every result queue;
 * - mq_smtp_out_data prepends "X-Authenticated-User: <login>" to the MIME
#if MQ_MAILERQ_VERSION >= 50605 /* 5.6.5; archetype-post-generate.groovy keeps the chosen release's lines */
 *   of outgoing messages that carry it;
 * - mq_smtp_out_sent writes a line to MailerQ's log for each message that
 *   went out with the header.
#else
 *   of outgoing messages that carry it.
#endif
 *
 * Rules every plugin follows, shown here:
 * - hooks run on MailerQ's worker threads, which serve many connections at
 *   once: never block in a hook (no blocking network, disk or sleep); take
#if MQ_MAILERQ_VERSION < 40000 /* the 2.1/3.x API */
 *   control (return true) and hand it back from an MQ_IOWatch or
 *   MQ_TimerStart callback when you must wait for something;
 * - per-connection data lives behind MQ_SetSmtpData, is created when the
 *   connection is first seen and deleted in mq_smtp_in_close, the last time
 *   it is seen;
#else /* the 4.0-5.13 API */
 *   control (return true) and hand it back with MQ_continue(connection)
 *   from an MQ_ioWatch or MQ_startTimer callback when you must wait for
 *   something;
 * - per-connection data lives behind MQ_setConnectionData, is created when
 *   the connection is first seen and deleted in mq_smtp_in_close, the last
 *   time it is seen;
#endif
 * - every hook is marked MQ_EXPORT (which makes it extern "C"), and returns
 *   false when it is done, so that the next plugin runs;
 * - no exception may leave a hook: MailerQ is called from C and cannot catch
 *   it. Every hook that could throw (std::bad_alloc) catches all.
 */
#include <mailerq.h>

#include <cstring>
#include <memory>
#include <new>
#include <string>

#include "json_subset.h"

namespace {

/** The JSON property the login is recorded in. */
const char *const property = "authenticated-user";

/** The header prepended to outgoing mail. */
const std::string header = "X-Authenticated-User: ";

/** What this plugin keeps per incoming connection. */
struct Session {
    /** The login the client last authenticated with; empty when none was accepted. */
    std::string login;
};

/** The connection's session, or nullptr when it could not be created. */
#if MQ_MAILERQ_VERSION < 40000
Session *session(MQ_SmtpConnection *connection)
#else
Session *session(MQ_Connection *connection)
#endif
{
#if MQ_MAILERQ_VERSION < 40000
    return static_cast<Session *>(MQ_SmtpData(connection));
#else
    return static_cast<Session *>(MQ_connectionData(connection));
#endif
}

/** Whether a login may be put in a mail header: printable ASCII, no spaces, not empty. */
bool printable(const std::string &text)
{
    if (text.empty()) return false;
    for (char c : text) {
        if (c <= ' ' || c > '~') return false;
    }
    return true;
}
#if MQ_MAILERQ_VERSION >= 40000

/** The string value of the property name of a JSON object, or nullptr. */
#if MQ_MAILERQ_VERSION >= 50000 /* libfastjson, whose names start with fjson_; json-c before */
const char *stringProperty(fjson_object *json, const char *name)
{
    fjson_object *value = nullptr;
    return fjson_object_object_get_ex(json, name, &value) ? fjson_object_get_string(value) : nullptr;
}
#else
const char *stringProperty(json_object *json, const char *name)
{
    json_object *value = nullptr;
    return json_object_object_get_ex(json, name, &value) ? json_object_get_string(value) : nullptr;
}
#endif

/** The login an outgoing message carries in its JSON when it may go in a header, or nullptr. */
const char *recordedLogin(MQ_Message *message)
{
    const char *login = stringProperty(MQ_json(message), property);
    return login != nullptr && printable(login) ? login : nullptr;
}
#endif

}  // namespace

/** The API version this plugin was built against: MailerQ refuses a plugin of another version. */
MQ_EXPORT int mq_version(void)
{
    return MQ_API_VERSION;
}

/** A new connection: its session starts empty. */
#if MQ_MAILERQ_VERSION < 40000
MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *, MQ_SmtpConnection *connection)
#else
MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *, MQ_Connection *connection)
#endif
{
    // nothrow: when memory runs out the data stays NULL and the plugin records nothing for this connection
#if MQ_MAILERQ_VERSION < 40000
    MQ_SetSmtpData(connection, new (std::nothrow) Session());
#else
    MQ_setConnectionData(connection, new (std::nothrow) Session());
#endif
    return false;
}

/**
 * The client sent credentials. DEMO RULE: any printable login with a
 * non-empty password is accepted. Replace it with a real check; one that has
#if MQ_MAILERQ_VERSION < 40000
 * to ask a server must not block: return true and call MQ_Continue from the
 * answer's MQ_IOWatch callback.
#else
 * to ask a server must not block: return true and call
 * MQ_continue(connection) from the answer's MQ_ioWatch callback.
#endif
 */
#if MQ_MAILERQ_VERSION < 40000
MQ_EXPORT bool mq_smtp_in_authenticate(MQ_Context *, MQ_SmtpConnection *connection,
#else
MQ_EXPORT bool mq_smtp_in_authenticate(MQ_Context *, MQ_Connection *connection,
#endif
                                       const char *login, size_t loginsize,
                                       const char *, size_t passwdsize)
{
    try {
        // login is not NUL-terminated and belongs to the host: keep a copy
        std::string name(login, loginsize);
        bool accepted = printable(name) && passwdsize > 0;
#if MQ_MAILERQ_VERSION < 40000
        MQ_SetSmtpAuthenticated(connection, accepted);
#else
        MQ_setAuthenticated(connection, accepted);
#endif
        if (Session *current = session(connection)) current->login = accepted ? std::move(name) : std::string();
    } catch (...) {
#if MQ_MAILERQ_VERSION < 40000
        MQ_SetSmtpAuthenticated(connection, false);
#else
        MQ_setAuthenticated(connection, false);
#endif
    }
    return false;
}

/** A received message, once per recipient: record the login when the connection is authenticated. */
#if MQ_MAILERQ_VERSION < 40000
MQ_EXPORT bool mq_smtp_in_message(MQ_Context *, MQ_SmtpConnection *connection, MQ_Message *message)
#else
MQ_EXPORT bool mq_smtp_in_message(MQ_Context *, MQ_Connection *connection, MQ_Message *message)
#endif
{
    Session *current = session(connection);
#if MQ_MAILERQ_VERSION < 40000
    // MQ_SmtpAuthenticated is the verdict of all plugins: a later one may have refused the login
    if (current == nullptr || current->login.empty() || !MQ_SmtpAuthenticated(connection)) return false;
#else
    // MQ_authenticated is the verdict of all plugins: a later one may have refused the login
    if (current == nullptr || current->login.empty() || !MQ_authenticated(connection)) return false;
#endif

#if MQ_MAILERQ_VERSION >= 50000
    fjson_object *login = fjson_object_new_string_len(current->login.data(), static_cast<int>(current->login.size()));
    if (login != nullptr) fjson_object_object_add(MQ_json(message), property, login);
#else
    json_object *login = json_object_new_string_len(current->login.data(), static_cast<int>(current->login.size()));
#if MQ_MAILERQ_VERSION < 40000
    if (login != nullptr) json_object_object_add(MQ_Json(message), property, login);
#else
    if (login != nullptr) json_object_object_add(MQ_json(message), property, login);
#endif
#endif
    return false;
}

/** The connection is gone: delete what mq_smtp_in_connect created. */
#if MQ_MAILERQ_VERSION < 40000
MQ_EXPORT bool mq_smtp_in_close(MQ_Context *, MQ_SmtpConnection *connection)
#else
MQ_EXPORT bool mq_smtp_in_close(MQ_Context *, MQ_Connection *connection)
#endif
{
    std::unique_ptr<Session> owned(session(connection));
#if MQ_MAILERQ_VERSION < 40000
    MQ_SetSmtpData(connection, nullptr);
#else
    MQ_setConnectionData(connection, nullptr);
#endif
    return false;
}

#if MQ_MAILERQ_VERSION < 40000
/** An outgoing message, right before its MIME is sent: prepend the header when the message carries a login. */
MQ_EXPORT bool mq_smtp_out_data(MQ_Context *, MQ_SmtpConnection *, MQ_Message *message)
#else
/** An outgoing message, after DATA and before its MIME is sent: prepend the header when the message carries a login. */
MQ_EXPORT bool mq_smtp_out_data(MQ_Context *, MQ_Connection *, MQ_Message *message)
#endif
{
    try {
#if MQ_MAILERQ_VERSION < 40000
        json_object *json = MQ_Json(message);
        json_object *value = nullptr;
        if (!json_object_object_get_ex(json, property, &value)) return false;
        const char *login = json_object_get_string(value);
        if (login == nullptr || !printable(login)) return false;
#else
        const char *login = recordedLogin(message);
        if (login == nullptr) return false;
#endif

        // an earlier plugin may have set the MIME already; otherwise it is the JSON's "mime"
#if MQ_MAILERQ_VERSION < 40000
        const char *mime = MQ_Mime(message);
        json_object *original = nullptr;
        if (mime == nullptr && json_object_object_get_ex(json, "mime", &original)) {
            mime = json_object_get_string(original);
        }
#else
        const char *mime = MQ_mime(message);
        if (mime == nullptr) mime = stringProperty(MQ_json(message), "mime");
#endif
        if (mime == nullptr) return false;

        std::string stamped = header + login + "\r\n" + mime;
#if MQ_MAILERQ_VERSION < 40000
        MQ_SetMime(message, stamped.data(), stamped.size());  // the host keeps its own copy
#else
        MQ_setMime(message, stamped.data(), stamped.size());  // the host keeps its own copy
#endif
    } catch (...) {
        // out of memory: send the message as it is
    }
    return false;
}
#if MQ_MAILERQ_VERSION >= 50605

/**
 * An outgoing message's MIME went out, before the server's reply to it is
 * read: log it when it carried the header. MQ_log may be called from any
 * thread; MQ_mime is the MIME a plugin set, which a later plugin than this
 * one may have replaced.
 */
MQ_EXPORT bool mq_smtp_out_sent(MQ_Context *, MQ_Connection *, MQ_Message *message)
{
    try {
        const char *login = recordedLogin(message);
        const char *mime = MQ_mime(message);
        if (login == nullptr || mime == nullptr || std::strncmp(mime, header.data(), header.size()) != 0) return false;

        // MQ_envelope is the MAIL FROM that went out; its address is NULL for a bounce (MAIL FROM:<>)
        MQ_Address *envelope = MQ_envelope(message);
        const char *from = envelope != nullptr ? MQ_email(envelope) : nullptr;
        const char *to = MQ_recipient(message);
        std::string line = std::string("sent the message from <") + (from != nullptr ? from : "") + "> to <"
                + (to != nullptr ? to : "") + "> with " + header + login;
        MQ_log(MQ_INFO, line.c_str());
    } catch (...) {
        // out of memory: no log line
    }
    return false;
}
#endif
