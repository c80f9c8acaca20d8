/* Clean under AddressSanitizer and UBSan, handing control back asynchronously:
 * - every worker keeps its open connections in a list (context data), which mq_context_cleanup frees;
 * - every connection has a record in that list (connection data), unlinked and freed in mq_smtp_in_close;
 * - mq_smtp_in_mailfrom takes control and hands back from a timer, whose state it frees there;
 * - mq_smtp_in_rcptto takes control and hands back once an I/O watch sees a pipe readable;
 * - mq_smtp_in_message adds a string to the message's JSON, which the host frees with the message;
 * - mq_smtp_out_data sets a new MIME from a buffer it frees right after. */
#include <mailerq.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* json-c is loaded by the host */
struct json_object;
struct json_object *json_object_new_string(const char *text);
int json_object_object_add(struct json_object *object, const char *key, struct json_object *value);

struct connection { struct connection *next; int recipients; char sender[128]; };
struct worker { struct connection *open; int connections; };
struct wait { MQ_Context *context; int fds[2]; };

MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }

MQ_EXPORT bool mq_context_initialize(MQ_Context *context)
{
    struct worker *worker = calloc(1, sizeof *worker);
    MQ_SetContextData(context, worker);
    return false;
}

MQ_EXPORT bool mq_context_cleanup(MQ_Context *context)
{
    struct worker *worker = MQ_ContextData(context);
    MQ_SetContextData(context, NULL);
    while (worker != NULL && worker->open != NULL) { /* connections that were never closed */
        struct connection *next = worker->open->next;
        free(worker->open);
        worker->open = next;
    }
    free(worker);
    return false;
}

MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *context, MQ_SmtpConnection *connection)
{
    struct worker *worker = MQ_ContextData(context);
    struct connection *data = calloc(1, sizeof *data);
    if (worker == NULL || data == NULL) {
        free(data);
        return false;
    }
    data->next = worker->open;
    worker->open = data;
    worker->connections++;
    MQ_SetSmtpData(connection, data);
    return false;
}

static void after_timer(void *state)
{
    MQ_Context *context = *(MQ_Context **)state;
    free(state);
    MQ_Continue(context);
}

MQ_EXPORT bool mq_smtp_in_mailfrom(MQ_Context *context, MQ_SmtpConnection *connection, const char *address,
                                   size_t size)
{
    struct connection *data = MQ_SmtpData(connection);
    MQ_Context **state = malloc(sizeof *state);
    if (data != NULL) snprintf(data->sender, sizeof data->sender, "%.*s", (int)size, address);
    if (state == NULL) return false;
    *state = context;
    MQ_TimerStart(context, 0.01f, after_timer, state);
    return true;
}

static void readable(MQ_IOWatcher *watcher, int fd, int events, void *state)
{
    struct wait *wait = state;
    char byte;
    (void)events;
    if (read(fd, &byte, 1) != 1) return;
    MQ_IOUnwatch(watcher);
    close(wait->fds[0]);
    close(wait->fds[1]);
    MQ_Context *context = wait->context;
    free(wait);
    MQ_Continue(context);
}

MQ_EXPORT bool mq_smtp_in_rcptto(MQ_Context *context, MQ_SmtpConnection *connection, const char *address,
                                 size_t size)
{
    struct connection *data = MQ_SmtpData(connection);
    struct wait *wait = malloc(sizeof *wait);
    (void)address; (void)size;
    if (data != NULL) data->recipients++;
    if (wait == NULL) return false;
    if (pipe(wait->fds) != 0) {
        free(wait);
        return false;
    }
    wait->context = context;
    MQ_IOWatch(context, wait->fds[0], MQ_READ, readable, wait);
    if (write(wait->fds[1], "x", 1) != 1) return true; /* the watch never fires: the exercise says so */
    return true;
}

MQ_EXPORT bool mq_smtp_in_message(MQ_Context *context, MQ_SmtpConnection *connection, MQ_Message *message)
{
    struct worker *worker = MQ_ContextData(context);
    struct connection *data = MQ_SmtpData(connection);
    char stamp[192];
    if (worker == NULL || data == NULL) return false;
    snprintf(stamp, sizeof stamp, "connection=%d from=%s recipients=%d", worker->connections, data->sender,
             data->recipients);
    json_object_object_add(MQ_Json(message), "x-sanitized", json_object_new_string(stamp));
    return false;
}

MQ_EXPORT bool mq_smtp_in_close(MQ_Context *context, MQ_SmtpConnection *connection)
{
    struct worker *worker = MQ_ContextData(context);
    struct connection *data = MQ_SmtpData(connection);
    MQ_SetSmtpData(connection, NULL);
    for (struct connection **link = worker != NULL ? &worker->open : NULL; link != NULL && *link != NULL;
         link = &(*link)->next) {
        if (*link == data) {
            *link = data->next;
            break;
        }
    }
    free(data);
    return false;
}

MQ_EXPORT bool mq_smtp_out_data(MQ_Context *context, MQ_SmtpConnection *connection, MQ_Message *message)
{
    static const char header[] = "X-Sanitized: yes\r\n";
    const char *mime = "Subject: sanitized\r\n\r\nchecked\r\n";
    size_t size = strlen(header) + strlen(mime);
    char *stamped = malloc(size + 1);
    (void)context; (void)connection;
    if (stamped == NULL) return false;
    snprintf(stamped, size + 1, "%s%s", header, mime);
    MQ_SetMime(message, stamped, size);
    free(stamped);
    return false;
}
