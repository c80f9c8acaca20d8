/**
 * scripted_plugin.c - a test plugin that exports every hook, records what it
 * sees through testkit and does what the test scripted for each hook.
 * Built several times with -DPLUGIN_NAME='"a"' (and "b", …) to get several
 * plugins; -DPLUGIN_VERSION=n makes it claim another API version,
 * -DWITHOUT_VERSION leaves mq_version out, -DUNKNOWN_CALL calls a function
 * MailerQ does not offer, -DOTHER_GENERATION_CALL calls MQ_continue of the
 * 4.0+ API, -DWITHOUT_AUTHENTICATE leaves mq_smtp_in_authenticate
 * out.
 *
 * Numbers a test may set (all 0 unless set; a "*" script sets them too):
 * "send" (MQ_SmtpSend in connect), "verdict" (1 or -1: MQ_SetSmtpAuthenticated
 * true or false), "rewrite" (in_message: MQ_SetRecipient; out_data: MQ_SetMime
 * with a header added and MQ_SetEnvelope), "detail" (also record the texts and
 * MIME the hooks see, CR and LF escaped, on lines "<plugin> detail <hook> ..."),
 * "edit-envelope" and "edit-mime" (in_message: MQ_SetEnvelope, MQ_SetMime with
 * a header added), "edit-recipient" (out_data: MQ_SetRecipient), "family"
 * (connect: record the address family of the socket's peer and local end).
 */
#define _GNU_SOURCE
#include <mailerq.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>

#include "testkit.h"

/* The json-c functions this plugin uses, declared here so that the tests
 * need only the json-c library (libjson-c5), not its development headers. */
struct json_object *json_object_new_string(const char *text);
int json_object_object_get_ex(const struct json_object *object, const char *key, struct json_object **value);
const char *json_object_get_string(struct json_object *object);
int json_object_object_add(struct json_object *object, const char *key, struct json_object *value);

#ifndef PLUGIN_NAME
#error "build with -DPLUGIN_NAME='\"name\"'"
#endif
#ifndef PLUGIN_VERSION
#define PLUGIN_VERSION MQ_API_VERSION
#endif

/* This plugin's data on one worker. */
struct worker_data {
    char label[48];
    pthread_t thread;
};

/* A hook call waiting to hand back. */
struct pending {
    MQ_Context *context;
    int action;
    int fds[2];
    MQ_Timer *timer;
    char label[64];     /* what the call was about, recorded when its timer fires */
};

static int contexts_made;
/* the context of the call TK_HOLD took control of last, for TK_RELEASE_HELD */
static MQ_Context *held;
/* NULL, but the compiler cannot know: TK_CRASH writes through it */
static int *volatile tk_nowhere;
static int retries_done;

#ifndef WITHOUT_VERSION
MQ_EXPORT int mq_version(void)
{
    return PLUGIN_VERSION;
}
#endif

#ifdef UNKNOWN_CALL
void MQ_Bogus(MQ_Context *context);
#endif
#ifdef OTHER_GENERATION_CALL
void MQ_continue(void *connection);
#endif

MQ_EXPORT void mq_initialize(void)
{
    tk_record("%s mq_initialize", PLUGIN_NAME);
}

MQ_EXPORT void mq_cleanup(void)
{
    tk_record("%s mq_cleanup", PLUGIN_NAME);
}

static const char *context_label(MQ_Context *context)
{
    struct worker_data *data = MQ_ContextData(context);
    if (data == NULL) return "none";
    return pthread_equal(data->thread, pthread_self()) ? data->label : "WRONG-THREAD";
}

static void on_timer(void *argument)
{
    struct pending *pending = argument;
    tk_record("%s timer fired for %s", PLUGIN_NAME, pending->label);
    switch (pending->action) {
    case TK_TIMER_COMPLETE:
        MQ_Complete(pending->context);
        break;
    case TK_TIMER_RETRY:
        if (__atomic_fetch_add(&retries_done, 1, __ATOMIC_SEQ_CST) < 1) MQ_Retry(pending->context);
        else MQ_Continue(pending->context);
        break;
    case TK_TWICE:
        MQ_Continue(pending->context);
        MQ_Continue(pending->context);
        break;
    case TK_TIMER_STOP_FIRED:
        MQ_Continue(pending->context);
        MQ_TimerStop(pending->timer);
        break;
    default:
        MQ_Continue(pending->context);
        break;
    }
    free(pending);
}

static void on_readable(MQ_IOWatcher *watcher, int fd, int events, void *argument)
{
    struct pending *pending = argument;
    char byte;
    tk_record("%s readable fd-matches=%d events=%d", PLUGIN_NAME, fd == pending->fds[0], events);
    if (read(fd, &byte, 1) != 1) return;
    MQ_IOUnwatch(watcher);
    close(pending->fds[0]);
    close(pending->fds[1]);
    MQ_Continue(pending->context);
    free(pending);
}

static void *foreign_thread(void *argument)
{
    struct pending *pending = argument;
    struct timespec pause = {0, 20 * 1000 * 1000};
    nanosleep(&pause, NULL);
    MQ_Continue(pending->context);
    free(pending);
    return NULL;
}

/* Does what the test scripted for this hook; the return value is the hook's. */
static bool act(MQ_Context *context, const char *hook, int delay, const char *label, size_t size)
{
    int action = tk_action(PLUGIN_NAME, hook);
    struct pending *pending;
    pthread_t thread;
    if (action == TK_RETURN_FALSE) return false;
    if (action == TK_HOLD) {
        held = context;
        return true;
    }
    if (action == TK_RELEASE_HELD) {
        if (held != NULL) MQ_Continue(held);
        held = NULL;
        MQ_Continue(context);
        return true;
    }
    if (action == TK_SLEEP) {
        struct timespec pause = {delay / 1000, (long)(delay % 1000) * 1000 * 1000};
        nanosleep(&pause, NULL);
        return false;
    }
    if (action == TK_CRASH) {
        tk_record("%s crashing in %s", PLUGIN_NAME, hook);
        *tk_nowhere = 1;
    }
    if (action == TK_EARLY_CONTINUE) {
        MQ_Continue(context);
        return true;
    }
    pending = calloc(1, sizeof *pending);
    pending->context = context;
    pending->action = action;
    snprintf(pending->label, sizeof pending->label, "%.*s", (int)size, label);
    switch (action) {
    case TK_PIPE_CONTINUE:
        if (pipe(pending->fds) != 0) abort();
        MQ_IOWatch(context, pending->fds[0], MQ_READ, on_readable, pending);
        if (write(pending->fds[1], "x", 1) != 1) abort();
        return true;
    case TK_FOREIGN_THREAD:
        pthread_create(&thread, NULL, foreign_thread, pending);
        pthread_detach(thread);
        return true;
    default:
        pending->timer = MQ_TimerStart(context, (float)delay / 1000.0f, on_timer, pending);
        return action != TK_FALSE_THEN_CONTINUE;
    }
}

static bool hook(MQ_Context *context, const char *name)
{
    return act(context, name, tk_number(PLUGIN_NAME, name), name, strlen(name));
}

MQ_EXPORT bool mq_context_initialize(MQ_Context *context)
{
    struct worker_data *data = calloc(1, sizeof *data);
    char thread[16] = "";
    pthread_getname_np(pthread_self(), thread, sizeof thread);
    snprintf(data->label, sizeof data->label, "%s#%d", PLUGIN_NAME,
             __atomic_add_fetch(&contexts_made, 1, __ATOMIC_SEQ_CST));
    data->thread = pthread_self();
    tk_record("%s mq_context_initialize before=%s", PLUGIN_NAME, context_label(context));
    MQ_SetContextData(context, data);
    tk_record("%s context %s on %s", PLUGIN_NAME, data->label, thread);
#ifdef UNKNOWN_CALL
    MQ_Bogus(context);
#endif
#ifdef OTHER_GENERATION_CALL
    MQ_continue(NULL);
#endif
    return hook(context, "mq_context_initialize");
}

MQ_EXPORT bool mq_context_cleanup(MQ_Context *context)
{
    tk_record("%s mq_context_cleanup ctx=%s", PLUGIN_NAME, context_label(context));
    bool keep = hook(context, "mq_context_cleanup");
    free(MQ_ContextData(context));
    MQ_SetContextData(context, NULL);
    return keep;
}

static const char *family_name(int family)
{
    return family == AF_INET ? "AF_INET" : family == AF_INET6 ? "AF_INET6" : "other";
}

/* What getpeername() and getsockname() say about the socket, as a plugin would ask. */
static void record_family(int fd)
{
    struct sockaddr_storage peer, local;
    socklen_t peer_size = sizeof peer, local_size = sizeof local;
    if (getpeername(fd, (struct sockaddr *)&peer, &peer_size) != 0
        || getsockname(fd, (struct sockaddr *)&local, &local_size) != 0) {
        tk_record("%s family unknown", PLUGIN_NAME);
        return;
    }
    tk_record("%s family peer=%s local=%s", PLUGIN_NAME, family_name(peer.ss_family), family_name(local.ss_family));
}

MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *context, MQ_SmtpConnection *connection)
{
    char *label = malloc(32);
    snprintf(label, 32, "%s-connection", PLUGIN_NAME);
    tk_record("%s mq_smtp_in_connect ctx=%s fd=%d data-before=%s", PLUGIN_NAME, context_label(context),
              MQ_SmtpFileDescriptor(connection), MQ_SmtpData(connection) ? "set" : "null");
    MQ_SetSmtpData(connection, label);
    if (tk_number(PLUGIN_NAME, "family") != 0) record_family(MQ_SmtpFileDescriptor(connection));
    if (tk_number(PLUGIN_NAME, "send") != 0) {
        MQ_SmtpSend(connection, "hello from " PLUGIN_NAME "\r\n", strlen("hello from " PLUGIN_NAME "\r\n"));
    }
    return hook(context, "mq_smtp_in_connect");
}

MQ_EXPORT bool mq_smtp_in_secure(MQ_Context *context, MQ_SmtpConnection *connection)
{
    tk_record("%s mq_smtp_in_secure ctx=%s secure=%d data=%s", PLUGIN_NAME, context_label(context),
              MQ_SmtpSecure(connection), (char *)MQ_SmtpData(connection));
    return hook(context, "mq_smtp_in_secure");
}

#ifndef WITHOUT_AUTHENTICATE
MQ_EXPORT bool mq_smtp_in_authenticate(MQ_Context *context, MQ_SmtpConnection *connection,
                                       const char *login, size_t loginsize,
                                       const char *passwd, size_t passwdsize)
{
    int verdict = tk_number(PLUGIN_NAME, "verdict");
    tk_record("%s mq_smtp_in_authenticate login=%.*s passwd=%.*s before=%d", PLUGIN_NAME,
              (int)loginsize, login, (int)passwdsize, passwd, MQ_SmtpAuthenticated(connection));
    if (verdict != 0) MQ_SetSmtpAuthenticated(connection, verdict > 0);
    return hook(context, "mq_smtp_in_authenticate");
}
#endif

/* Records text (size bytes, or up to its NUL when size is (size_t)-1) with CR and LF escaped, when "detail" is set. */
static void detail(const char *hook, const char *what, const char *text, size_t size)
{
    char *escaped;
    size_t length = 0;
    if (tk_number(PLUGIN_NAME, "detail") == 0) return;
    if (text == NULL) {
        tk_record("%s detail %s %s=(null)", PLUGIN_NAME, hook, what);
        return;
    }
    if (size == (size_t)-1) size = strlen(text);
    escaped = malloc(2 * size + 1);
    for (size_t i = 0; i < size; i++) {
        if (text[i] == '\r' || text[i] == '\n') {
            escaped[length++] = '\\';
            escaped[length++] = text[i] == '\r' ? 'r' : 'n';
        } else {
            escaped[length++] = text[i];
        }
    }
    escaped[length] = '\0';
    tk_record("%s detail %s size=%zu %s=%s", PLUGIN_NAME, hook, size, what, escaped);
    free(escaped);
}

/* Sets the message's MIME to header followed by body (header alone when body is NULL). */
static void prepend_header(MQ_Message *message, const char *header, const char *body)
{
    size_t size = strlen(header) + (body ? strlen(body) : 0);
    char *changed = malloc(size + 1);
    snprintf(changed, size + 1, "%s%s", header, body ? body : "");
    MQ_SetMime(message, changed, size);
    free(changed);
}

static bool text_hook(MQ_Context *context, MQ_SmtpConnection *connection, const char *name,
                      const char *text, size_t size)
{
    int delay = tk_number(PLUGIN_NAME, name);
    detail(name, "text", text, size);
    tk_record("%s %s ctx=%s data=%s text=%.*s", PLUGIN_NAME, name, context_label(context),
              (char *)MQ_SmtpData(connection), (int)size, text);
    if (tk_action(PLUGIN_NAME, name) == TK_SEND_REPLY) {
        static const char reply[] = "550 5.7.1 refused by " PLUGIN_NAME "\r\n";
        MQ_SmtpSend(connection, reply, sizeof reply - 1);
        return false;
    }
    /* a negative number: wait as many milliseconds as the text's number says */
    if (delay < 0) delay = atoi(text);
    return act(context, name, delay, text, size);
}

MQ_EXPORT bool mq_smtp_in_mailfrom(MQ_Context *context, MQ_SmtpConnection *connection,
                                   const char *mailfrom, size_t size)
{
    return text_hook(context, connection, "mq_smtp_in_mailfrom", mailfrom, size);
}

MQ_EXPORT bool mq_smtp_in_rcptto(MQ_Context *context, MQ_SmtpConnection *connection,
                                 const char *rcptto, size_t size)
{
    return text_hook(context, connection, "mq_smtp_in_rcptto", rcptto, size);
}

MQ_EXPORT bool mq_smtp_in_data(MQ_Context *context, MQ_SmtpConnection *connection,
                               const char *mime, size_t size)
{
    return text_hook(context, connection, "mq_smtp_in_data", mime, size);
}

/* Appends this plugin's name to the JSON property "trail", to show what the next plugin sees. */
static void extend_trail(MQ_Message *message)
{
    struct json_object *json = MQ_Json(message);
    struct json_object *trail = NULL;
    char extended[256];
    if (json_object_object_get_ex(json, "trail", &trail)) {
        snprintf(extended, sizeof extended, "%s,%s", json_object_get_string(trail), PLUGIN_NAME);
    } else {
        snprintf(extended, sizeof extended, "%s", PLUGIN_NAME);
    }
    json_object_object_add(json, "trail", json_object_new_string(extended));
}

static const char *trail(MQ_Message *message)
{
    struct json_object *value = NULL;
    return json_object_object_get_ex(MQ_Json(message), "trail", &value) ? json_object_get_string(value) : "none";
}

/* "leave-message": the hook neither reads nor changes the message, so libmqhost never parses its JSON */
static bool left_alone(MQ_Context *context, const char *name)
{
    tk_record("%s %s left the message alone", PLUGIN_NAME, name);
    return hook(context, name);
}

MQ_EXPORT bool mq_smtp_in_message(MQ_Context *context, MQ_SmtpConnection *connection, MQ_Message *message)
{
    if (tk_number(PLUGIN_NAME, "leave-message") != 0) return left_alone(context, "mq_smtp_in_message");
    tk_record("%s mq_smtp_in_message data=%s envelope=%s recipient=%s trail=%s", PLUGIN_NAME,
              (char *)MQ_SmtpData(connection), MQ_Envelope(message), MQ_Recipient(message), trail(message));
    detail("mq_smtp_in_message", "mime", MQ_Mime(message), (size_t)-1);
    extend_trail(message);
    if (tk_number(PLUGIN_NAME, "rewrite") != 0) {
        MQ_SetRecipient(message, PLUGIN_NAME "@rewritten.example", strlen(PLUGIN_NAME "@rewritten.example"));
    }
    if (tk_number(PLUGIN_NAME, "edit-envelope") != 0) {
        MQ_SetEnvelope(message, PLUGIN_NAME "@envelope.example", strlen(PLUGIN_NAME "@envelope.example"));
    }
    if (tk_number(PLUGIN_NAME, "edit-mime") != 0) {
        prepend_header(message, "X-Edited-By: " PLUGIN_NAME "\r\n", MQ_Mime(message));
    }
    return hook(context, "mq_smtp_in_message");
}

MQ_EXPORT bool mq_smtp_in_close(MQ_Context *context, MQ_SmtpConnection *connection)
{
    tk_record("%s mq_smtp_in_close ctx=%s data=%s", PLUGIN_NAME, context_label(context),
              (char *)MQ_SmtpData(connection));
    free(MQ_SmtpData(connection));
    MQ_SetSmtpData(connection, NULL);
    return hook(context, "mq_smtp_in_close");
}

MQ_EXPORT bool mq_smtp_out_data(MQ_Context *context, MQ_SmtpConnection *connection, MQ_Message *message)
{
    struct json_object *mime = NULL;
    const char *header = "X-Plugin: " PLUGIN_NAME "\r\n";
    (void)connection;
    if (tk_number(PLUGIN_NAME, "leave-message") != 0) return left_alone(context, "mq_smtp_out_data");
    tk_record("%s mq_smtp_out_data envelope=%s recipient=%s mime=%s trail=%s", PLUGIN_NAME,
              MQ_Envelope(message), MQ_Recipient(message), MQ_Mime(message) ? "set" : "null", trail(message));
    detail("mq_smtp_out_data", "mime", MQ_Mime(message), (size_t)-1);
    extend_trail(message);
    if (tk_number(PLUGIN_NAME, "rewrite") != 0) {
        const char *body = MQ_Mime(message);
        if (body == NULL && json_object_object_get_ex(MQ_Json(message), "mime", &mime)) {
            body = json_object_get_string(mime);
        }
        prepend_header(message, header, body);
        MQ_SetEnvelope(message, PLUGIN_NAME "@bounces.example", strlen(PLUGIN_NAME "@bounces.example"));
    }
    if (tk_number(PLUGIN_NAME, "edit-recipient") != 0) {
        MQ_SetRecipient(message, PLUGIN_NAME "@elsewhere.example", strlen(PLUGIN_NAME "@elsewhere.example"));
    }
    return hook(context, "mq_smtp_out_data");
}
