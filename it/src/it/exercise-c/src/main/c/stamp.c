/* Exports every hook and leaves a trace of each where a test can see it:
 * - mq_initialize sets a flag, mq_context_initialize gives each worker a
 *   connection counter (context data), freed in mq_context_cleanup;
 * - mq_smtp_in_connect allocates a record per connection (connection data)
 *   that secure, authenticate, mailfrom, rcptto and data fill in, and
 *   mq_smtp_in_close frees;
 * - mq_smtp_in_authenticate accepts alice / s3cret only;
 * - mq_smtp_in_rcptto takes control and hands back from a timer;
 * - mq_smtp_in_message writes the record into the message's JSON as "x-stamp";
 * - mq_smtp_out_data puts X-Exercised and X-Stamp headers on the outgoing MIME. */
#include <mailerq.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* json-c is loaded by the host; these are its functions this plugin calls */
struct json_object;
int json_object_object_get_ex(const struct json_object *object, const char *key, struct json_object **value);
const char *json_object_get_string(struct json_object *object);
struct json_object *json_object_new_string(const char *text);
int json_object_object_add(struct json_object *object, const char *key, struct json_object *value);

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

MQ_EXPORT bool mq_context_initialize(MQ_Context *context)
{
    MQ_SetContextData(context, calloc(1, sizeof(struct worker)));
    return false;
}

MQ_EXPORT bool mq_context_cleanup(MQ_Context *context)
{
    free(MQ_ContextData(context));
    MQ_SetContextData(context, NULL);
    return false;
}

MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *c, MQ_SmtpConnection *s)
{
    struct worker *worker = MQ_ContextData(c);
    struct connection *connection = calloc(1, sizeof *connection);
    if (worker != NULL && connection != NULL) connection->number = ++worker->connections;
    MQ_SetSmtpData(s, connection);
    return false;
}

MQ_EXPORT bool mq_smtp_in_secure(MQ_Context *c, MQ_SmtpConnection *s)
{
    struct connection *connection = MQ_SmtpData(s);
    (void)c;
    if (connection != NULL) connection->secure = MQ_SmtpSecure(s);
    return false;
}

MQ_EXPORT bool mq_smtp_in_authenticate(MQ_Context *c, MQ_SmtpConnection *s, const char *login, size_t loginsize,
                                       const char *passwd, size_t passwdsize)
{
    struct connection *connection = MQ_SmtpData(s);
    bool ok = loginsize == 5 && memcmp(login, "alice", 5) == 0 && passwdsize == 6 && memcmp(passwd, "s3cret", 6) == 0;
    (void)c;
    MQ_SetSmtpAuthenticated(s, ok);
    if (connection != NULL && ok) snprintf(connection->login, sizeof connection->login, "%.*s", (int)loginsize, login);
    return false;
}

MQ_EXPORT bool mq_smtp_in_mailfrom(MQ_Context *c, MQ_SmtpConnection *s, const char *address, size_t size)
{
    struct connection *connection = MQ_SmtpData(s);
    (void)c;
    if (connection != NULL) {
        snprintf(connection->sender, sizeof connection->sender, "%.*s", (int)size, address);
        connection->recipients = 0;
    }
    return false;
}

static void resume(void *context) { MQ_Continue(context); }

MQ_EXPORT bool mq_smtp_in_rcptto(MQ_Context *c, MQ_SmtpConnection *s, const char *address, size_t size)
{
    struct connection *connection = MQ_SmtpData(s);
    (void)address; (void)size;
    if (connection != NULL) connection->recipients++;
    MQ_TimerStart(c, 0.01f, resume, c);
    return true;
}

MQ_EXPORT bool mq_smtp_in_data(MQ_Context *c, MQ_SmtpConnection *s, const char *mime, size_t size)
{
    struct connection *connection = MQ_SmtpData(s);
    (void)c; (void)mime;
    if (connection != NULL) connection->bytes = size;
    return false;
}

MQ_EXPORT bool mq_smtp_in_message(MQ_Context *c, MQ_SmtpConnection *s, MQ_Message *message)
{
    struct connection *connection = MQ_SmtpData(s);
    char stamp[512];
    (void)c;
    if (connection == NULL) return false;
    snprintf(stamp, sizeof stamp, "init=%d connection=%d secure=%d login=%s from=%s recipients=%d bytes=%zu",
             initialized, connection->number, connection->secure, connection->login[0] ? connection->login : "-",
             connection->sender, connection->recipients, connection->bytes);
    json_object_object_add(MQ_Json(message), "x-stamp", json_object_new_string(stamp));
    return false;
}

MQ_EXPORT bool mq_smtp_in_close(MQ_Context *c, MQ_SmtpConnection *s)
{
    (void)c;
    free(MQ_SmtpData(s));
    MQ_SetSmtpData(s, NULL);
    return false;
}

MQ_EXPORT bool mq_smtp_out_data(MQ_Context *c, MQ_SmtpConnection *s, MQ_Message *m)
{
    struct json_object *mime = NULL, *stamp = NULL;
    (void)c; (void)s;
    if (!json_object_object_get_ex(MQ_Json(m), "mime", &mime)) return false;
    const char *body = json_object_get_string(mime);
    const char *value = json_object_object_get_ex(MQ_Json(m), "x-stamp", &stamp) ? json_object_get_string(stamp) : "-";
    size_t size = strlen("X-Exercised: yes\r\nX-Stamp: \r\n") + strlen(value) + strlen(body);
    char *stamped = malloc(size + 1);
    if (stamped == NULL) return false;
    snprintf(stamped, size + 1, "X-Exercised: yes\r\nX-Stamp: %s\r\n%s", value, body);
    MQ_SetMime(m, stamped, size);
    free(stamped);
    return false;
}
