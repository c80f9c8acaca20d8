/* Clean under AddressSanitizer and UBSan, handing control back asynchronously:
 * - every worker keeps its open connections in a list (context data), which mq_context_cleanup frees;
 * - every connection has a record in that list (connection data), unlinked and freed in mq_smtp_in_close;
 * - mq_smtp_in_mailfrom takes control and hands back from a timer, whose state it frees there;
 * - mq_smtp_in_rcptto takes control and hands back once an I/O watch sees a pipe readable;
 * - mq_smtp_in_message adds a string to the message's JSON, which the host frees with the message;
 * - mq_smtp_out_data sets a new MIME from a buffer it frees right after.
 * Written in the 4.0-5.13 API; built for 2.1/3.x, the same calls have the names of the block below. */
#include <mailerq.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if MQ_MAILERQ_VERSION < 40000
#define MQ_Connection MQ_SmtpConnection
#define MQ_contextData MQ_ContextData
#define MQ_setContextData MQ_SetContextData
#define MQ_connectionData MQ_SmtpData
#define MQ_setConnectionData MQ_SetSmtpData
#define MQ_startTimer MQ_TimerStart
#define MQ_ioWatch MQ_IOWatch
#define MQ_ioUnwatch MQ_IOUnwatch
#define MQ_json MQ_Json
#define MQ_setMime MQ_SetMime
#endif

#if MQ_MAILERQ_VERSION >= 40000
/* 4.0+: a call that took control is handed back by its connection */
#define CALL_OF(context, connection) ((void)(context), (void *)(connection))
static void hand_back(void *call) { MQ_continue(call); }
#else
/* 2.1/3.x: a call that took control is handed back by its context */
#define CALL_OF(context, connection) ((void)(connection), (void *)(context))
static void hand_back(void *call) { MQ_Continue(call); }
#endif

#if MQ_MAILERQ_VERSION >= 50000
/* libfastjson is loaded by the host (5.0+) */
struct fjson_object;
struct fjson_object *fjson_object_new_string(const char *text);
void fjson_object_object_add(struct fjson_object *object, const char *key, struct fjson_object *value);
#define json_object_new_string fjson_object_new_string
#define json_object_object_add fjson_object_object_add
#else
/* json-c is loaded by the host (before 5.0) */
struct json_object;
struct json_object *json_object_new_string(const char *text);
int json_object_object_add(struct json_object *object, const char *key, struct json_object *value);
#endif

struct connection { struct connection *next; int recipients; char sender[128]; };
struct worker { struct connection *open; int connections; };
struct wait { void *call; int fds[2]; };

MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }

static void start_worker(MQ_Context *context)
{
    struct worker *worker = calloc(1, sizeof *worker);
    MQ_setContextData(context, worker);
}

static void stop_worker(MQ_Context *context)
{
    struct worker *worker = MQ_contextData(context);
    MQ_setContextData(context, NULL);
    while (worker != NULL && worker->open != NULL) { /* connections that were never closed */
        struct connection *next = worker->open->next;
        free(worker->open);
        worker->open = next;
    }
    free(worker);
}

#if MQ_MAILERQ_VERSION >= 40000
MQ_EXPORT void mq_context_initialize(MQ_Context *context) { start_worker(context); }
MQ_EXPORT void mq_context_cleanup(MQ_Context *context) { stop_worker(context); }
#else
MQ_EXPORT bool mq_context_initialize(MQ_Context *context)
{
    start_worker(context);
    return false;
}

MQ_EXPORT bool mq_context_cleanup(MQ_Context *context)
{
    stop_worker(context);
    return false;
}
#endif

MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *context, MQ_Connection *connection)
{
    struct worker *worker = MQ_contextData(context);
    struct connection *data = calloc(1, sizeof *data);
    if (worker == NULL || data == NULL) {
        free(data);
        return false;
    }
    data->next = worker->open;
    worker->open = data;
    worker->connections++;
    MQ_setConnectionData(connection, data);
    return false;
}

static void after_timer(void *state)
{
    void *call = *(void **)state;
    free(state);
    hand_back(call);
}

/* MAIL FROM: takes control, hands back from a timer */
static bool sender(MQ_Context *context, MQ_Connection *connection, const char *address, size_t size)
{
    struct connection *data = MQ_connectionData(connection);
    void **state = malloc(sizeof *state);
    if (data != NULL) snprintf(data->sender, sizeof data->sender, "%.*s", (int)size, address);
    if (state == NULL) return false;
    *state = CALL_OF(context, connection);
    MQ_startTimer(context, 0.01f, after_timer, state);
    return true;
}

static void readable(MQ_IOWatcher *watcher, int fd, int events, void *state)
{
    struct wait *wait = state;
    char byte;
    (void)events;
    if (read(fd, &byte, 1) != 1) return;
    MQ_ioUnwatch(watcher);
    close(wait->fds[0]);
    close(wait->fds[1]);
    void *call = wait->call;
    free(wait);
    hand_back(call);
}

/* RCPT TO: takes control, hands back once an I/O watch sees a pipe readable */
static bool recipient(MQ_Context *context, MQ_Connection *connection)
{
    struct connection *data = MQ_connectionData(connection);
    struct wait *wait = malloc(sizeof *wait);
    if (data != NULL) data->recipients++;
    if (wait == NULL) return false;
    if (pipe(wait->fds) != 0) {
        free(wait);
        return false;
    }
    wait->call = CALL_OF(context, connection);
    MQ_ioWatch(context, wait->fds[0], MQ_READ, readable, wait);
    if (write(wait->fds[1], "x", 1) != 1) return true; /* the watch never fires: the exercise says so */
    return true;
}

#if MQ_MAILERQ_VERSION >= 40000
MQ_EXPORT bool mq_smtp_in_mailfrom(MQ_Context *context, MQ_Connection *connection, MQ_Address *envelope)
{
    const char *address = MQ_email(envelope);
    return sender(context, connection, address != NULL ? address : "", address != NULL ? strlen(address) : 0);
}

MQ_EXPORT bool mq_smtp_in_rcptto(MQ_Context *context, MQ_Connection *connection, MQ_Address *address)
{
    (void)address;
    return recipient(context, connection);
}
#else
MQ_EXPORT bool mq_smtp_in_mailfrom(MQ_Context *context, MQ_Connection *connection, const char *address,
                                   size_t size)
{
    return sender(context, connection, address, size);
}

MQ_EXPORT bool mq_smtp_in_rcptto(MQ_Context *context, MQ_Connection *connection, const char *address,
                                 size_t size)
{
    (void)address; (void)size;
    return recipient(context, connection);
}
#endif

MQ_EXPORT bool mq_smtp_in_message(MQ_Context *context, MQ_Connection *connection, MQ_Message *message)
{
    struct worker *worker = MQ_contextData(context);
    struct connection *data = MQ_connectionData(connection);
    char stamp[192];
    if (worker == NULL || data == NULL) return false;
    snprintf(stamp, sizeof stamp, "connection=%d from=%s recipients=%d", worker->connections, data->sender,
             data->recipients);
    json_object_object_add(MQ_json(message), "x-sanitized", json_object_new_string(stamp));
    return false;
}

MQ_EXPORT bool mq_smtp_in_close(MQ_Context *context, MQ_Connection *connection)
{
    struct worker *worker = MQ_contextData(context);
    struct connection *data = MQ_connectionData(connection);
    MQ_setConnectionData(connection, NULL);
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

MQ_EXPORT bool mq_smtp_out_data(MQ_Context *context, MQ_Connection *connection, MQ_Message *message)
{
    static const char header[] = "X-Sanitized: yes\r\n";
    const char *mime = "Subject: sanitized\r\n\r\nchecked\r\n";
    size_t size = strlen(header) + strlen(mime);
    char *stamped = malloc(size + 1);
    (void)context; (void)connection;
    if (stamped == NULL) return false;
    snprintf(stamped, size + 1, "%s%s", header, mime);
    MQ_setMime(message, stamped, size);
    free(stamped);
    return false;
}
