/* Exports every hook and leaves a trace of each where a test can see it:
 * - mq_initialize sets a flag, mq_context_initialize gives each worker a
 *   connection counter (context data), freed in mq_context_cleanup;
 * - mq_smtp_in_connect allocates a record per connection (connection data)
 *   that secure, authenticate, mailfrom, rcptto and data fill in, and
 *   mq_smtp_in_close frees;
 * - mq_smtp_in_authenticate accepts alice / s3cret only;
 * - mq_smtp_in_rcptto takes control and hands back from a timer;
 * - mq_smtp_in_message writes the record into the message's JSON as "x-stamp"
 *   (and, from 5.6.5, says so with MQ_log);
 * - mq_smtp_out_data puts X-Exercised and X-Stamp headers on the outgoing MIME;
 * - mq_smtp_out_sent (4.0+) logs, from 5.6.5, that the stamped MIME went out.
 * Written in the 4.0-5.13 API; built for 2.1/3.x, the same calls have the
 * names of the block below. */
#include <mailerq.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if MQ_MAILERQ_VERSION < 40000
#define MQ_Connection MQ_SmtpConnection
#define MQ_contextData MQ_ContextData
#define MQ_setContextData MQ_SetContextData
#define MQ_connectionData MQ_SmtpData
#define MQ_setConnectionData MQ_SetSmtpData
#define MQ_secure MQ_SmtpSecure
#define MQ_setAuthenticated MQ_SetSmtpAuthenticated
#define MQ_json MQ_Json
#define MQ_setMime MQ_SetMime
#endif

#if MQ_MAILERQ_VERSION >= 50000
/* libfastjson is loaded by the host (5.0+); these are its functions this plugin calls, by their json-c
 * names, as libfastjson's own json-c compatibility layer maps them */
struct fjson_object;
int fjson_object_object_get_ex(struct fjson_object *object, const char *key, struct fjson_object **value);
const char *fjson_object_get_string(struct fjson_object *object);
struct fjson_object *fjson_object_new_string(const char *text);
void fjson_object_object_add(struct fjson_object *object, const char *key, struct fjson_object *value);
#define json_object fjson_object
#define json_object_object_get_ex fjson_object_object_get_ex
#define json_object_get_string fjson_object_get_string
#define json_object_new_string fjson_object_new_string
#define json_object_object_add fjson_object_object_add
#else
/* json-c is loaded by the host (before 5.0); these are its functions this plugin calls */
struct json_object;
int json_object_object_get_ex(const struct json_object *object, const char *key, struct json_object **value);
const char *json_object_get_string(struct json_object *object);
struct json_object *json_object_new_string(const char *text);
int json_object_object_add(struct json_object *object, const char *key, struct json_object *value);
#endif

struct worker { int connections; };

struct connection {
    int number;           /* this worker's n-th connection */
    bool secure;
    char login[64];
    int recipients;
    size_t bytes;
    char sender[256];
};

static int initialized;

MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }
MQ_EXPORT void mq_initialize(void) { initialized = 1; }
MQ_EXPORT void mq_cleanup(void) { initialized = 0; }

#if MQ_MAILERQ_VERSION >= 40000
MQ_EXPORT void mq_context_initialize(MQ_Context *context)
{
    MQ_setContextData(context, calloc(1, sizeof(struct worker)));
}

MQ_EXPORT void mq_context_cleanup(MQ_Context *context)
{
    free(MQ_contextData(context));
    MQ_setContextData(context, NULL);
}
#else
MQ_EXPORT bool mq_context_initialize(MQ_Context *context)
{
    MQ_setContextData(context, calloc(1, sizeof(struct worker)));
    return false;
}

MQ_EXPORT bool mq_context_cleanup(MQ_Context *context)
{
    free(MQ_contextData(context));
    MQ_setContextData(context, NULL);
    return false;
}
#endif

MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *c, MQ_Connection *s)
{
    struct worker *worker = MQ_contextData(c);
    struct connection *connection = calloc(1, sizeof *connection);
    if (worker != NULL && connection != NULL) connection->number = ++worker->connections;
    MQ_setConnectionData(s, connection);
    return false;
}

MQ_EXPORT bool mq_smtp_in_secure(MQ_Context *c, MQ_Connection *s)
{
    struct connection *connection = MQ_connectionData(s);
    (void)c;
    if (connection != NULL) connection->secure = MQ_secure(s);
    return false;
}

MQ_EXPORT bool mq_smtp_in_authenticate(MQ_Context *c, MQ_Connection *s, const char *login, size_t loginsize,
                                       const char *passwd, size_t passwdsize)
{
    struct connection *connection = MQ_connectionData(s);
    bool ok = loginsize == 5 && memcmp(login, "alice", 5) == 0 && passwdsize == 6 && memcmp(passwd, "s3cret", 6) == 0;
    (void)c;
    MQ_setAuthenticated(s, ok);
    if (connection != NULL && ok) snprintf(connection->login, sizeof connection->login, "%.*s", (int)loginsize, login);
    return false;
}

static void remember_sender(struct connection *connection, const char *address, size_t size)
{
    if (connection == NULL) return;
    snprintf(connection->sender, sizeof connection->sender, "%.*s", (int)size, address);
    connection->recipients = 0;
}

#if MQ_MAILERQ_VERSION >= 40000
MQ_EXPORT bool mq_smtp_in_mailfrom(MQ_Context *c, MQ_Connection *s, MQ_Address *envelope)
{
    const char *address = MQ_email(envelope);
    (void)c;
    remember_sender(MQ_connectionData(s), address != NULL ? address : "", address != NULL ? strlen(address) : 0);
    return false;
}

/* 4.0+: the connection names the call that hands back */
static void resume(void *connection) { MQ_continue(connection); }

MQ_EXPORT bool mq_smtp_in_rcptto(MQ_Context *c, MQ_Connection *s, MQ_Address *address)
{
    struct connection *connection = MQ_connectionData(s);
    (void)address;
    if (connection != NULL) connection->recipients++;
    MQ_startTimer(c, 0.01f, resume, s);
    return true;
}
#else
MQ_EXPORT bool mq_smtp_in_mailfrom(MQ_Context *c, MQ_Connection *s, const char *address, size_t size)
{
    (void)c;
    remember_sender(MQ_connectionData(s), address, size);
    return false;
}

/* 2.1/3.x: the context names the call that hands back */
static void resume(void *context) { MQ_Continue(context); }

MQ_EXPORT bool mq_smtp_in_rcptto(MQ_Context *c, MQ_Connection *s, const char *address, size_t size)
{
    struct connection *connection = MQ_connectionData(s);
    (void)address; (void)size;
    if (connection != NULL) connection->recipients++;
    MQ_TimerStart(c, 0.01f, resume, c);
    return true;
}
#endif

MQ_EXPORT bool mq_smtp_in_data(MQ_Context *c, MQ_Connection *s, const char *mime, size_t size)
{
    struct connection *connection = MQ_connectionData(s);
    (void)c; (void)mime;
    if (connection != NULL) connection->bytes = size;
    return false;
}

MQ_EXPORT bool mq_smtp_in_message(MQ_Context *c, MQ_Connection *s, MQ_Message *message)
{
    struct connection *connection = MQ_connectionData(s);
    char stamp[512];
    (void)c;
    if (connection == NULL) return false;
    snprintf(stamp, sizeof stamp, "init=%d connection=%d secure=%d login=%s from=%s recipients=%d bytes=%zu",
             initialized, connection->number, connection->secure, connection->login[0] ? connection->login : "-",
             connection->sender, connection->recipients, connection->bytes);
    json_object_object_add(MQ_json(message), "x-stamp", json_object_new_string(stamp));
#if MQ_MAILERQ_VERSION >= 50605
    MQ_log(MQ_INFO, "exercise-c wrote x-stamp");
#endif
    return false;
}

MQ_EXPORT bool mq_smtp_in_close(MQ_Context *c, MQ_Connection *s)
{
    (void)c;
    free(MQ_connectionData(s));
    MQ_setConnectionData(s, NULL);
    return false;
}

MQ_EXPORT bool mq_smtp_out_data(MQ_Context *c, MQ_Connection *s, MQ_Message *m)
{
    struct json_object *mime = NULL, *stamp = NULL;
    (void)c; (void)s;
    if (!json_object_object_get_ex(MQ_json(m), "mime", &mime)) return false;
    const char *body = json_object_get_string(mime);
    const char *value = json_object_object_get_ex(MQ_json(m), "x-stamp", &stamp) ? json_object_get_string(stamp) : "-";
    size_t size = strlen("X-Exercised: yes\r\nX-Stamp: \r\n") + strlen(value) + strlen(body);
    char *stamped = malloc(size + 1);
    if (stamped == NULL) return false;
    snprintf(stamped, size + 1, "X-Exercised: yes\r\nX-Stamp: %s\r\n%s", value, body);
    MQ_setMime(m, stamped, size);
    free(stamped);
    return false;
}

#if MQ_MAILERQ_VERSION >= 40000
MQ_EXPORT bool mq_smtp_out_sent(MQ_Context *c, MQ_Connection *s, MQ_Message *m)
{
    const char *mime = MQ_mime(m);
    (void)c; (void)s;
#if MQ_MAILERQ_VERSION >= 50605
    if (mime != NULL && strncmp(mime, "X-Exercised: yes\r\n", 18) == 0) MQ_log(MQ_INFO, "exercise-c sent X-Exercised");
#else
    (void)mime;
#endif
    return false;
}
#endif
