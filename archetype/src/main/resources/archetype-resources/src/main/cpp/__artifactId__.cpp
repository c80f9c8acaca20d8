#if MQ_MAILERQ_VERSION < 40000 /* the 2.1/3.x API; archetype-post-generate.groovy keeps the chosen release's lines */
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
 *   of outgoing messages that carry it.
 *
 * Rules every plugin follows, shown here:
 * - hooks run on MailerQ's worker threads, which serve many connections at
 *   once: never block in a hook (no blocking network, disk or sleep); take
 *   control (return true) and hand it back from an MQ_IOWatch or
 *   MQ_TimerStart callback when you must wait for something;
 * - per-connection data lives behind MQ_SetSmtpData, is created when the
 *   connection is first seen and deleted in mq_smtp_in_close, the last time
 *   it is seen;
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
Session *session(MQ_SmtpConnection *connection)
{
    return static_cast<Session *>(MQ_SmtpData(connection));
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

}  // namespace

/** The API version this plugin was built against: MailerQ refuses a plugin of another version. */
MQ_EXPORT int mq_version(void)
{
    return MQ_API_VERSION;
}

/** A new connection: its session starts empty. */
MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *, MQ_SmtpConnection *connection)
{
    // nothrow: when memory runs out the data stays NULL and the plugin records nothing for this connection
    MQ_SetSmtpData(connection, new (std::nothrow) Session());
    return false;
}

/**
 * The client sent credentials. DEMO RULE: any printable login with a
 * non-empty password is accepted. Replace it with a real check; one that has
 * to ask a server must not block: return true and call MQ_Continue from the
 * answer's MQ_IOWatch callback.
 */
MQ_EXPORT bool mq_smtp_in_authenticate(MQ_Context *, MQ_SmtpConnection *connection,
                                       const char *login, size_t loginsize,
                                       const char *, size_t passwdsize)
{
    try {
        // login is not NUL-terminated and belongs to the host: keep a copy
        std::string name(login, loginsize);
        bool accepted = printable(name) && passwdsize > 0;
        MQ_SetSmtpAuthenticated(connection, accepted);
        if (Session *current = session(connection)) current->login = accepted ? std::move(name) : std::string();
    } catch (...) {
        MQ_SetSmtpAuthenticated(connection, false);
    }
    return false;
}

/** A received message, once per recipient: record the login when the connection is authenticated. */
MQ_EXPORT bool mq_smtp_in_message(MQ_Context *, MQ_SmtpConnection *connection, MQ_Message *message)
{
    Session *current = session(connection);
    // MQ_SmtpAuthenticated is the verdict of all plugins: a later one may have refused the login
    if (current == nullptr || current->login.empty() || !MQ_SmtpAuthenticated(connection)) return false;

    json_object *login = json_object_new_string_len(current->login.data(), static_cast<int>(current->login.size()));
    if (login != nullptr) json_object_object_add(MQ_Json(message), property, login);
    return false;
}

/** The connection is gone: delete what mq_smtp_in_connect created. */
MQ_EXPORT bool mq_smtp_in_close(MQ_Context *, MQ_SmtpConnection *connection)
{
    std::unique_ptr<Session> owned(session(connection));
    MQ_SetSmtpData(connection, nullptr);
    return false;
}

/** An outgoing message, right before its MIME is sent: prepend the header when the message carries a login. */
MQ_EXPORT bool mq_smtp_out_data(MQ_Context *, MQ_SmtpConnection *, MQ_Message *message)
{
    try {
        json_object *json = MQ_Json(message);
        json_object *value = nullptr;
        if (!json_object_object_get_ex(json, property, &value)) return false;
        const char *login = json_object_get_string(value);
        if (login == nullptr || !printable(login)) return false;

        // an earlier plugin may have set the MIME already; otherwise it is the JSON's "mime"
        const char *mime = MQ_Mime(message);
        json_object *original = nullptr;
        if (mime == nullptr && json_object_object_get_ex(json, "mime", &original)) {
            mime = json_object_get_string(original);
        }
        if (mime == nullptr) return false;

        std::string stamped = header + login + "\r\n" + mime;
        MQ_SetMime(message, stamped.data(), stamped.size());  // the host keeps its own copy
    } catch (...) {
        // out of memory: send the message as it is
    }
    return false;
}
#else /* the 4.0-5.13 API */
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
#if MQ_MAILERQ_VERSION >= 50605
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
 *   control (return true) and hand it back with MQ_continue(connection)
 *   from an MQ_ioWatch or MQ_startTimer callback when you must wait for
 *   something;
 * - per-connection data lives behind MQ_setConnectionData, is created when
 *   the connection is first seen and deleted in mq_smtp_in_close, the last
 *   time it is seen;
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
Session *session(MQ_Connection *connection)
{
    return static_cast<Session *>(MQ_connectionData(connection));
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

/** The string value of the property name of a JSON object, or nullptr. */
#if MQ_MAILERQ_VERSION >= 50000
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

}  // namespace

/** The API version this plugin was built against: MailerQ refuses a plugin of another version. */
MQ_EXPORT int mq_version(void)
{
    return MQ_API_VERSION;
}

/** A new connection: its session starts empty. */
MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *, MQ_Connection *connection)
{
    // nothrow: when memory runs out the data stays NULL and the plugin records nothing for this connection
    MQ_setConnectionData(connection, new (std::nothrow) Session());
    return false;
}

/**
 * The client sent credentials. DEMO RULE: any printable login with a
 * non-empty password is accepted. Replace it with a real check; one that has
 * to ask a server must not block: return true and call
 * MQ_continue(connection) from the answer's MQ_ioWatch callback.
 */
MQ_EXPORT bool mq_smtp_in_authenticate(MQ_Context *, MQ_Connection *connection,
                                       const char *login, size_t loginsize,
                                       const char *, size_t passwdsize)
{
    try {
        // login is not NUL-terminated and belongs to the host: keep a copy
        std::string name(login, loginsize);
        bool accepted = printable(name) && passwdsize > 0;
        MQ_setAuthenticated(connection, accepted);
        if (Session *current = session(connection)) current->login = accepted ? std::move(name) : std::string();
    } catch (...) {
        MQ_setAuthenticated(connection, false);
    }
    return false;
}

/** A received message, once per recipient: record the login when the connection is authenticated. */
MQ_EXPORT bool mq_smtp_in_message(MQ_Context *, MQ_Connection *connection, MQ_Message *message)
{
    Session *current = session(connection);
    // MQ_authenticated is the verdict of all plugins: a later one may have refused the login
    if (current == nullptr || current->login.empty() || !MQ_authenticated(connection)) return false;

#if MQ_MAILERQ_VERSION >= 50000
    fjson_object *login = fjson_object_new_string_len(current->login.data(), static_cast<int>(current->login.size()));
    if (login != nullptr) fjson_object_object_add(MQ_json(message), property, login);
#else
    json_object *login = json_object_new_string_len(current->login.data(), static_cast<int>(current->login.size()));
    if (login != nullptr) json_object_object_add(MQ_json(message), property, login);
#endif
    return false;
}

/** The connection is gone: delete what mq_smtp_in_connect created. */
MQ_EXPORT bool mq_smtp_in_close(MQ_Context *, MQ_Connection *connection)
{
    std::unique_ptr<Session> owned(session(connection));
    MQ_setConnectionData(connection, nullptr);
    return false;
}

/** An outgoing message, after DATA and before its MIME is sent: prepend the header when the message carries a login. */
MQ_EXPORT bool mq_smtp_out_data(MQ_Context *, MQ_Connection *, MQ_Message *message)
{
    try {
        const char *login = recordedLogin(message);
        if (login == nullptr) return false;

        // an earlier plugin may have set the MIME already; otherwise it is the JSON's "mime"
        const char *mime = MQ_mime(message);
        if (mime == nullptr) mime = stringProperty(MQ_json(message), "mime");
        if (mime == nullptr) return false;

        std::string stamped = header + login + "\r\n" + mime;
        MQ_setMime(message, stamped.data(), stamped.size());  // the host keeps its own copy
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
#endif
