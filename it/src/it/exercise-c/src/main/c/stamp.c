/* Exports every hook; takes control in RCPT TO and hands back from a timer;
 * stamps outgoing mail with a header. */
#include <mailerq.h>
#include <stdlib.h>
#include <string.h>

struct json_object;
int json_object_object_get_ex(const struct json_object *object, const char *key, struct json_object **value);
const char *json_object_get_string(struct json_object *object);

MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }
MQ_EXPORT void mq_initialize(void) {}
MQ_EXPORT void mq_cleanup(void) {}
MQ_EXPORT bool mq_context_initialize(MQ_Context *context) { (void)context; return false; }
MQ_EXPORT bool mq_context_cleanup(MQ_Context *context) { (void)context; return false; }
MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *c, MQ_SmtpConnection *s) { (void)c; (void)s; return false; }
MQ_EXPORT bool mq_smtp_in_secure(MQ_Context *c, MQ_SmtpConnection *s) { (void)c; (void)s; return false; }

MQ_EXPORT bool mq_smtp_in_authenticate(MQ_Context *c, MQ_SmtpConnection *s, const char *login, size_t loginsize,
                                       const char *passwd, size_t passwdsize)
{
    (void)c; (void)login; (void)loginsize; (void)passwd;
    MQ_SetSmtpAuthenticated(s, passwdsize > 0);
    return false;
}

MQ_EXPORT bool mq_smtp_in_mailfrom(MQ_Context *c, MQ_SmtpConnection *s, const char *a, size_t n)
{ (void)c; (void)s; (void)a; (void)n; return false; }

static void resume(void *context) { MQ_Continue(context); }

MQ_EXPORT bool mq_smtp_in_rcptto(MQ_Context *c, MQ_SmtpConnection *s, const char *a, size_t n)
{
    (void)s; (void)a; (void)n;
    MQ_TimerStart(c, 0.01f, resume, c);
    return true;
}

MQ_EXPORT bool mq_smtp_in_data(MQ_Context *c, MQ_SmtpConnection *s, const char *m, size_t n)
{ (void)c; (void)s; (void)m; (void)n; return false; }
MQ_EXPORT bool mq_smtp_in_message(MQ_Context *c, MQ_SmtpConnection *s, MQ_Message *m)
{ (void)c; (void)s; (void)m; return false; }
MQ_EXPORT bool mq_smtp_in_close(MQ_Context *c, MQ_SmtpConnection *s) { (void)c; (void)s; return false; }

MQ_EXPORT bool mq_smtp_out_data(MQ_Context *c, MQ_SmtpConnection *s, MQ_Message *m)
{
    static const char header[] = "X-Exercised: yes\r\n";
    struct json_object *mime = NULL;
    (void)c; (void)s;
    if (!json_object_object_get_ex(MQ_Json(m), "mime", &mime)) return false;
    const char *body = json_object_get_string(mime);
    size_t size = strlen(header) + strlen(body);
    char *stamped = malloc(size + 1);
    memcpy(stamped, header, strlen(header));
    memcpy(stamped + strlen(header), body, strlen(body) + 1);
    MQ_SetMime(m, stamped, size);
    free(stamped);
    return false;
}
