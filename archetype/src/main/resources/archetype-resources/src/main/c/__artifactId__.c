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
 * - per-connection data lives behind MQ_SetSmtpData, is allocated when the
 *   connection is first seen and freed in mq_smtp_in_close, the last time it
 *   is seen;
#else /* the 4.0-5.13 API */
 *   control (return true) and hand it back with MQ_continue(connection)
 *   from an MQ_ioWatch or MQ_startTimer callback when you must wait for
 *   something;
 * - per-connection data lives behind MQ_setConnectionData, is allocated
 *   when the connection is first seen and freed in mq_smtp_in_close, the
 *   last time it is seen;
#endif
 * - every hook is marked MQ_EXPORT, and returns false when it is done, so
 *   that the next plugin runs.
 */
#include <mailerq.h>
#if MQ_MAILERQ_VERSION >= 50605
#include <stdio.h>
#endif
#include <stdlib.h>
#include <string.h>

#include "json_subset.h"

/** The JSON property the login is recorded in. */
#define PROPERTY "authenticated-user"

/** The header prepended to outgoing mail. */
#define HEADER "X-Authenticated-User: "

/** What this plugin keeps per incoming connection. */
struct session {
    /** The login the client last authenticated with (NUL-terminated), or NULL. */
    char *login;
};

/** The API version this plugin was built against: MailerQ refuses a plugin of another version. */
MQ_EXPORT int mq_version(void)
{
    return MQ_API_VERSION;
}

/** A new connection: its session starts empty. */
#if MQ_MAILERQ_VERSION < 40000
MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *context, MQ_SmtpConnection *connection)
#else
MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *context, MQ_Connection *connection)
#endif
{
    (void)context;
    /* calloc failing leaves the data NULL: the plugin then records nothing for this connection */
#if MQ_MAILERQ_VERSION < 40000
    MQ_SetSmtpData(connection, calloc(1, sizeof(struct session)));
#else
    MQ_setConnectionData(connection, calloc(1, sizeof(struct session)));
#endif
    return false;
}

/** Whether a login may be put in a mail header: printable ASCII, no spaces, not empty. */
static bool printable(const char *text, size_t size)
{
    if (size == 0) return false;
    for (size_t i = 0; i < size; i++) {
        if (text[i] <= ' ' || text[i] > '~') return false;
    }
    return true;
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
MQ_EXPORT bool mq_smtp_in_authenticate(MQ_Context *context, MQ_SmtpConnection *connection,
#else
MQ_EXPORT bool mq_smtp_in_authenticate(MQ_Context *context, MQ_Connection *connection,
#endif
                                       const char *login, size_t loginsize,
                                       const char *passwd, size_t passwdsize)
{
    (void)context;
    (void)passwd;
#if MQ_MAILERQ_VERSION < 40000
    struct session *session = MQ_SmtpData(connection);
#else
    struct session *session = MQ_connectionData(connection);
#endif
    bool accepted = printable(login, loginsize) && passwdsize > 0;
#if MQ_MAILERQ_VERSION < 40000
    MQ_SetSmtpAuthenticated(connection, accepted);
#else
    MQ_setAuthenticated(connection, accepted);
#endif
    if (session == NULL) return false;

    /* a client may authenticate again: forget the previous login */
    free(session->login);
    session->login = NULL;
    if (!accepted) return false;

    /* login is not NUL-terminated and belongs to the host: keep a copy */
    session->login = malloc(loginsize + 1);
    if (session->login != NULL) {
        memcpy(session->login, login, loginsize);
        session->login[loginsize] = '\0';
    }
    return false;
}

/** A received message, once per recipient: record the login when the connection is authenticated. */
#if MQ_MAILERQ_VERSION < 40000
MQ_EXPORT bool mq_smtp_in_message(MQ_Context *context, MQ_SmtpConnection *connection, MQ_Message *message)
#else
MQ_EXPORT bool mq_smtp_in_message(MQ_Context *context, MQ_Connection *connection, MQ_Message *message)
#endif
{
    (void)context;
#if MQ_MAILERQ_VERSION < 40000
    struct session *session = MQ_SmtpData(connection);
    /* MQ_SmtpAuthenticated is the verdict of all plugins: a later one may have refused the login */
    if (session == NULL || session->login == NULL || !MQ_SmtpAuthenticated(connection)) return false;
#else
    struct session *session = MQ_connectionData(connection);
    /* MQ_authenticated is the verdict of all plugins: a later one may have refused the login */
    if (session == NULL || session->login == NULL || !MQ_authenticated(connection)) return false;
#endif

#if MQ_MAILERQ_VERSION >= 50000 /* libfastjson, whose names start with fjson_; json-c before */
    struct fjson_object *login = fjson_object_new_string_len(session->login, (int)strlen(session->login));
    if (login != NULL) fjson_object_object_add(MQ_json(message), PROPERTY, login);
#else
    struct json_object *login = json_object_new_string_len(session->login, (int)strlen(session->login));
#if MQ_MAILERQ_VERSION < 40000
    if (login != NULL) json_object_object_add(MQ_Json(message), PROPERTY, login);
#else
    if (login != NULL) json_object_object_add(MQ_json(message), PROPERTY, login);
#endif
#endif
    return false;
}

/** The connection is gone: free what mq_smtp_in_connect allocated. */
#if MQ_MAILERQ_VERSION < 40000
MQ_EXPORT bool mq_smtp_in_close(MQ_Context *context, MQ_SmtpConnection *connection)
#else
MQ_EXPORT bool mq_smtp_in_close(MQ_Context *context, MQ_Connection *connection)
#endif
{
    (void)context;
#if MQ_MAILERQ_VERSION < 40000
    struct session *session = MQ_SmtpData(connection);
#else
    struct session *session = MQ_connectionData(connection);
#endif
    if (session != NULL) {
        free(session->login);
        free(session);
#if MQ_MAILERQ_VERSION < 40000
        MQ_SetSmtpData(connection, NULL);
#else
        MQ_setConnectionData(connection, NULL);
#endif
    }
    return false;
}

#if MQ_MAILERQ_VERSION >= 40000
/** The login an outgoing message carries in its JSON when it may go in a header, or NULL. */
static const char *recorded_login(MQ_Message *message)
{
#if MQ_MAILERQ_VERSION >= 50000
    struct fjson_object *property = NULL;
    if (!fjson_object_object_get_ex(MQ_json(message), PROPERTY, &property)) return NULL;
    const char *login = fjson_object_get_string(property);
#else
    struct json_object *property = NULL;
    if (!json_object_object_get_ex(MQ_json(message), PROPERTY, &property)) return NULL;
    const char *login = json_object_get_string(property);
#endif
    return login != NULL && printable(login, strlen(login)) ? login : NULL;
}

#endif
#if MQ_MAILERQ_VERSION < 40000
/** An outgoing message, right before its MIME is sent: prepend the header when the message carries a login. */
MQ_EXPORT bool mq_smtp_out_data(MQ_Context *context, MQ_SmtpConnection *connection, MQ_Message *message)
#else
/** An outgoing message, after DATA and before its MIME is sent: prepend the header when the message carries a login. */
MQ_EXPORT bool mq_smtp_out_data(MQ_Context *context, MQ_Connection *connection, MQ_Message *message)
#endif
{
    (void)context;
    (void)connection;
#if MQ_MAILERQ_VERSION < 40000
    struct json_object *json = MQ_Json(message);
    struct json_object *property = NULL;
    if (!json_object_object_get_ex(json, PROPERTY, &property)) return false;
    const char *login = json_object_get_string(property);
    if (login == NULL || !printable(login, strlen(login))) return false;
#else
    const char *login = recorded_login(message);
    if (login == NULL) return false;
#endif

    /* an earlier plugin may have set the MIME already; otherwise it is the JSON's "mime" */
#if MQ_MAILERQ_VERSION < 40000
    const char *mime = MQ_Mime(message);
    struct json_object *original = NULL;
    if (mime == NULL && json_object_object_get_ex(json, "mime", &original)) mime = json_object_get_string(original);
#else
    const char *mime = MQ_mime(message);
#if MQ_MAILERQ_VERSION >= 50000
    struct fjson_object *original = NULL;
    if (mime == NULL && fjson_object_object_get_ex(MQ_json(message), "mime", &original)) {
        mime = fjson_object_get_string(original);
    }
#else
    struct json_object *original = NULL;
    if (mime == NULL && json_object_object_get_ex(MQ_json(message), "mime", &original)) {
        mime = json_object_get_string(original);
    }
#endif
#endif
    if (mime == NULL) return false;

    size_t headersize = strlen(HEADER) + strlen(login) + 2;
    size_t mimesize = strlen(mime);
    char *stamped = malloc(headersize + mimesize + 1);
    if (stamped == NULL) return false;
    strcpy(stamped, HEADER);
    strcat(stamped, login);
    strcat(stamped, "\r\n");
    memcpy(stamped + headersize, mime, mimesize + 1);
#if MQ_MAILERQ_VERSION < 40000
    MQ_SetMime(message, stamped, headersize + mimesize);   /* the host keeps its own copy */
#else
    MQ_setMime(message, stamped, headersize + mimesize);   /* the host keeps its own copy */
#endif
    free(stamped);
    return false;
}
#if MQ_MAILERQ_VERSION >= 50605

/**
 * An outgoing message's MIME went out, before the server's reply to it is
 * read: log it when it carried the header. MQ_log may be called from any
 * thread; MQ_mime is the MIME a plugin set, which a later plugin than this
 * one may have replaced.
 */
MQ_EXPORT bool mq_smtp_out_sent(MQ_Context *context, MQ_Connection *connection, MQ_Message *message)
{
    (void)context;
    (void)connection;
    const char *login = recorded_login(message);
    const char *mime = MQ_mime(message);
    if (login == NULL || mime == NULL || strncmp(mime, HEADER, strlen(HEADER)) != 0) return false;

    /* MQ_envelope is the MAIL FROM that went out; its address is NULL for a bounce (MAIL FROM:<>) */
    MQ_Address *envelope = MQ_envelope(message);
    const char *from = envelope != NULL ? MQ_email(envelope) : NULL;
    const char *to = MQ_recipient(message);
    char line[512];   /* a longer line is cut, which is good enough for a log */
    snprintf(line, sizeof line, "sent the message from <%s> to <%s> with " HEADER "%s",
             from != NULL ? from : "", to != NULL ? to : "", login);
    MQ_log(MQ_INFO, line);
    return false;
}
#endif
