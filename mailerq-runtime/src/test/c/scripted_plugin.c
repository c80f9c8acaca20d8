/**
 * scripted_plugin.c - a test plugin that exports every hook, records what it
 * sees through testkit and does what the test scripted for each hook.
 * One source for both plugin API generations: built with
 * -DMQ_MAILERQ_VERSION=30000 for the 2.1/3.x API or 51300 for the 4.0-5.13
 * one; api_compat.h maps what the generations share onto the one built for.
 * Built several times with -DPLUGIN_NAME='"a"' (and "b", …) to get several
 * plugins; -DPLUGIN_VERSION=n makes it claim another API version,
 * -DWITHOUT_VERSION leaves mq_version out, -DUNKNOWN_CALL calls a function
 * MailerQ does not offer, -DOTHER_GENERATION_CALL calls a function of the
 * other generation (MQ_continue in a 3.x build, MQ_Continue in a 4.0+
 * build), -DWITHOUT_AUTHENTICATE leaves mq_smtp_in_authenticate out.
 *
 * Numbers a test may set (all 0 unless set; a "*" script sets them too):
 * "send" (connect: send a line with MQ_SmtpSend / MQ_send), "verdict" (1 or
 * -1: set the authentication verdict true or false), "rewrite" (in_message:
 * set the recipient; out_data: set the MIME with a header added, and the
 * envelope), "detail" (also record the texts and MIME the hooks see, CR and
 * LF escaped, on lines "<plugin> detail <hook> ..."), "edit-envelope" and
 * "edit-mime" (in_message: set the envelope, set the MIME with a header
 * added), "edit-recipient" (out_data: set the recipient), "family"
 * (connect: record the address family of the socket's peer and local end),
 * "leave-message" (the message hooks neither read nor change the message).
 * 4.0+ builds only: "local" (in_message: record MQ_local, then
 * MQ_setLocal(message, true); -1: MQ_setLocal(message, false)), "log" (5.6.5+: every hook calls
 * MQ_log(MQ_INFO, "<plugin> <hook>"), and the first such call is made once
 * more from a thread of the plugin's own, as "<plugin> <hook> from a thread
 * of its own").
 *
 * Where the generations differ: in a 4.0+ build MAIL FROM and RCPT TO are
 * recorded as MQ_email of their MQ_Address ("(null)" for none) and
 * envelope= as MQ_email(MQ_envelope(message)); the context hooks are void,
 * so they record and block for TK_SLEEP but take no other action; and
 * mq_smtp_out_sent records a line like mq_smtp_out_data's, without changing
 * the message.
 */
#define _GNU_SOURCE
#include "api_compat.h"
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>

#include "testkit.h"

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
    HandBack *call;
    int action;
    int fds[2];
    MQ_Timer *timer;
    char label[64];     /* what the call was about, recorded when its timer fires */
};

static int contexts_made;
/* the call TK_HOLD took control of last, for TK_RELEASE_HELD */
static HandBack *held;
/* NULL, but the compiler cannot know: TK_CRASH writes through it */
static int *volatile tk_nowhere;
static int retries_done;
/* a call the host never made, for TK_PIPE_CRASH_IN_HOST */
static HandBack *volatile tk_bogus_call = (HandBack *)(uintptr_t)16;

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
void OTHER_GENERATION_FUNCTION(void *call);
#endif

MQ_EXPORT void mq_initialize(void)
{
    tk_record("%s mq_initialize", PLUGIN_NAME);
}

MQ_EXPORT void mq_cleanup(void)
{
    tk_record("%s mq_cleanup", PLUGIN_NAME);
}

/* text as printf shows it, "(null)" for none */
static const char *shown(const char *text)
{
    return text != NULL ? text : "(null)";
}

static const char *context_label(MQ_Context *context)
{
    struct worker_data *data = context_data(context);
    if (data == NULL) return "none";
    return pthread_equal(data->thread, pthread_self()) ? data->label : "WRONG-THREAD";
}

#if API_CONNECTION_GENERATION && MQ_MAILERQ_VERSION >= 50605
static int logged_from_own_thread;

static void *log_from_own_thread(void *hook)
{
    char line[96];
    snprintf(line, sizeof line, "%s %s from a thread of its own", PLUGIN_NAME, (const char *)hook);
    MQ_log(MQ_INFO, line);
    return NULL;
}
#endif

/* "log": the hook says its name in MailerQ's log, the first time also from a thread of the plugin's own */
static void log_hook(const char *hook)
{
#if API_CONNECTION_GENERATION && MQ_MAILERQ_VERSION >= 50605
    char line[96];
    pthread_t thread;
    if (tk_number(PLUGIN_NAME, "log") == 0) return;
    snprintf(line, sizeof line, "%s %s", PLUGIN_NAME, hook);
    MQ_log(MQ_INFO, line);
    if (__atomic_exchange_n(&logged_from_own_thread, 1, __ATOMIC_SEQ_CST) == 0
        && pthread_create(&thread, NULL, log_from_own_thread, (void *)hook) == 0) {
        pthread_detach(thread);
    }
#else
    (void)hook;
#endif
}

static void on_timer(void *argument)
{
    struct pending *pending = argument;
    tk_record("%s timer fired for %s", PLUGIN_NAME, pending->label);
    switch (pending->action) {
    case TK_TIMER_COMPLETE:
        hand_back_complete(pending->call);
        break;
    case TK_TIMER_RETRY:
        if (__atomic_fetch_add(&retries_done, 1, __ATOMIC_SEQ_CST) < 1) hand_back_retry(pending->call);
        else hand_back_continue(pending->call);
        break;
    case TK_TWICE:
        hand_back_continue(pending->call);
        hand_back_continue(pending->call);
        break;
    case TK_TIMER_STOP_FIRED:
        hand_back_continue(pending->call);
        timer_stop(pending->timer);
        break;
    default:
        hand_back_continue(pending->call);
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
    io_unwatch(watcher);
    close(pending->fds[0]);
    close(pending->fds[1]);
    hand_back_continue(pending->action == TK_PIPE_CRASH_IN_HOST ? tk_bogus_call : pending->call);
    free(pending);
}

static void *foreign_thread(void *argument)
{
    struct pending *pending = argument;
    struct timespec pause = {0, 20 * 1000 * 1000};
    nanosleep(&pause, NULL);
    hand_back_continue(pending->call);
    free(pending);
    return NULL;
}

static void sleep_for(int milliseconds)
{
    struct timespec pause = {milliseconds / 1000, (long)(milliseconds % 1000) * 1000 * 1000};
    nanosleep(&pause, NULL);
}

/*
 * Does what the test scripted for this hook, which hands back with call and
 * runs its timers and watches on context; the return value is the hook's.
 */
static bool act(MQ_Context *context, HandBack *call, const char *hook, int delay, const char *label, size_t size)
{
    int action = tk_action(PLUGIN_NAME, hook);
    struct pending *pending;
    pthread_t thread;
    log_hook(hook);
    if (action == TK_RETURN_FALSE) return false;
    if (action == TK_HOLD) {
        held = call;
        return true;
    }
    if (action == TK_RELEASE_HELD) {
        if (held != NULL) hand_back_continue(held);
        held = NULL;
        hand_back_continue(call);
        return true;
    }
    if (action == TK_SLEEP) {
        sleep_for(delay);
        return false;
    }
    if (action == TK_CRASH) {
        tk_record("%s crashing in %s", PLUGIN_NAME, hook);
        *tk_nowhere = 1;
    }
    if (action == TK_CRASH_IN_LIBC) {
        tk_record("%s crashing in %s: %zu", PLUGIN_NAME, hook, strlen((const char *)tk_nowhere));
    }
    if (action == TK_EARLY_CONTINUE) {
        hand_back_continue(call);
        return true;
    }
    pending = calloc(1, sizeof *pending);
    pending->call = call;
    pending->action = action;
    snprintf(pending->label, sizeof pending->label, "%.*s", (int)size, label);
    switch (action) {
    case TK_PIPE_CONTINUE:
    case TK_PIPE_CRASH_IN_HOST:
        if (pipe(pending->fds) != 0) abort();
        io_watch(context, pending->fds[0], MQ_READ, on_readable, pending);
        if (write(pending->fds[1], "x", 1) != 1) abort();
        return true;
    case TK_FOREIGN_THREAD:
        pthread_create(&thread, NULL, foreign_thread, pending);
        pthread_detach(thread);
        return true;
    default:
        pending->timer = timer_start(context, (float)delay / 1000.0f, on_timer, pending);
        return action != TK_FALSE_THEN_CONTINUE;
    }
}

static bool hook(MQ_Context *context, HandBack *call, const char *name)
{
    return act(context, call, name, tk_number(PLUGIN_NAME, name), name, strlen(name));
}

/*
 * The script of a context hook: in 3.x it may take control like any hook
 * (the context stands for the call); in 4.0+ the hook is void, so it can
 * only block.
 */
static bool context_hook(MQ_Context *context, const char *name)
{
#if API_CONNECTION_GENERATION
    (void)context;
    log_hook(name);
    if (tk_action(PLUGIN_NAME, name) == TK_SLEEP) sleep_for(tk_number(PLUGIN_NAME, name));
    return false;
#else
    return hook(context, context, name);
#endif
}

static bool initialize_context(MQ_Context *context)
{
    struct worker_data *data = calloc(1, sizeof *data);
    char thread[16] = "";
    pthread_getname_np(pthread_self(), thread, sizeof thread);
    snprintf(data->label, sizeof data->label, "%s#%d", PLUGIN_NAME,
             __atomic_add_fetch(&contexts_made, 1, __ATOMIC_SEQ_CST));
    data->thread = pthread_self();
    tk_record("%s mq_context_initialize before=%s", PLUGIN_NAME, context_label(context));
    context_set_data(context, data);
    tk_record("%s context %s on %s", PLUGIN_NAME, data->label, thread);
#ifdef UNKNOWN_CALL
    MQ_Bogus(context);
#endif
#ifdef OTHER_GENERATION_CALL
    OTHER_GENERATION_FUNCTION(NULL);
#endif
    return context_hook(context, "mq_context_initialize");
}

static bool clean_up_context(MQ_Context *context)
{
    tk_record("%s mq_context_cleanup ctx=%s", PLUGIN_NAME, context_label(context));
    bool keep = context_hook(context, "mq_context_cleanup");
    free(context_data(context));
    context_set_data(context, NULL);
    return keep;
}

#if API_CONNECTION_GENERATION
MQ_EXPORT void mq_context_initialize(MQ_Context *context)
{
    initialize_context(context);
}

MQ_EXPORT void mq_context_cleanup(MQ_Context *context)
{
    clean_up_context(context);
}
#else
MQ_EXPORT bool mq_context_initialize(MQ_Context *context)
{
    return initialize_context(context);
}

MQ_EXPORT bool mq_context_cleanup(MQ_Context *context)
{
    return clean_up_context(context);
}
#endif

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

MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *context, Connection *connection)
{
    char *label = malloc(32);
    snprintf(label, 32, "%s-connection", PLUGIN_NAME);
    tk_record("%s mq_smtp_in_connect ctx=%s fd=%d data-before=%s", PLUGIN_NAME, context_label(context),
              connection_fd(connection), connection_data(connection) ? "set" : "null");
    connection_set_data(connection, label);
    if (tk_number(PLUGIN_NAME, "family") != 0) record_family(connection_fd(connection));
    if (tk_number(PLUGIN_NAME, "send") != 0) {
        connection_send(connection, "hello from " PLUGIN_NAME "\r\n", strlen("hello from " PLUGIN_NAME "\r\n"));
    }
    return hook(context, HAND_BACK_OF(context, connection), "mq_smtp_in_connect");
}

MQ_EXPORT bool mq_smtp_in_secure(MQ_Context *context, Connection *connection)
{
    tk_record("%s mq_smtp_in_secure ctx=%s secure=%d data=%s", PLUGIN_NAME, context_label(context),
              connection_secure(connection), (char *)connection_data(connection));
    return hook(context, HAND_BACK_OF(context, connection), "mq_smtp_in_secure");
}

#ifndef WITHOUT_AUTHENTICATE
MQ_EXPORT bool mq_smtp_in_authenticate(MQ_Context *context, Connection *connection,
                                       const char *login, size_t loginsize,
                                       const char *passwd, size_t passwdsize)
{
    int verdict = tk_number(PLUGIN_NAME, "verdict");
    tk_record("%s mq_smtp_in_authenticate login=%.*s passwd=%.*s before=%d", PLUGIN_NAME,
              (int)loginsize, login, (int)passwdsize, passwd, connection_authenticated(connection));
    if (verdict != 0) connection_set_authenticated(connection, verdict > 0);
    return hook(context, HAND_BACK_OF(context, connection), "mq_smtp_in_authenticate");
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
    message_set_mime(message, changed, size);
    free(changed);
}

/* MAIL FROM, RCPT TO and DATA: text is size bytes, or NULL (a 4.0+ address without email). */
static bool text_hook(MQ_Context *context, Connection *connection, const char *name,
                      const char *text, size_t size)
{
    int delay = tk_number(PLUGIN_NAME, name);
    const char *label = text != NULL ? text : shown(NULL);
    size_t label_size = text != NULL ? size : strlen(label);
    detail(name, "text", text, size);
    tk_record("%s %s ctx=%s data=%s text=%.*s", PLUGIN_NAME, name, context_label(context),
              (char *)connection_data(connection), (int)label_size, label);
    if (tk_action(PLUGIN_NAME, name) == TK_SEND_REPLY) {
        static const char reply[] = "550 5.7.1 refused by " PLUGIN_NAME "\r\n";
        connection_send(connection, reply, sizeof reply - 1);
        return false;
    }
    /* a negative number: wait as many milliseconds as the text's number says */
    if (delay < 0) delay = atoi(label);
    return act(context, HAND_BACK_OF(context, connection), name, delay, label, label_size);
}

#if API_CONNECTION_GENERATION
/* MQ_email of the address: NULL for none, e.g. MAIL FROM:<> */
static bool address_hook(MQ_Context *context, Connection *connection, const char *name, MQ_Address *address)
{
    const char *email = MQ_email(address);
    return text_hook(context, connection, name, email, email != NULL ? strlen(email) : 0);
}

MQ_EXPORT bool mq_smtp_in_mailfrom(MQ_Context *context, MQ_Connection *connection, MQ_Address *envelope)
{
    return address_hook(context, connection, "mq_smtp_in_mailfrom", envelope);
}

MQ_EXPORT bool mq_smtp_in_rcptto(MQ_Context *context, MQ_Connection *connection, MQ_Address *address)
{
    return address_hook(context, connection, "mq_smtp_in_rcptto", address);
}
#else
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
#endif

MQ_EXPORT bool mq_smtp_in_data(MQ_Context *context, Connection *connection,
                               const char *mime, size_t size)
{
    return text_hook(context, connection, "mq_smtp_in_data", mime, size);
}

/* Appends this plugin's name to the JSON property "trail", to show what the next plugin sees. */
static void extend_trail(MQ_Message *message)
{
    const char *trail = json_member(message, "trail");
    char extended[256];
    if (trail != NULL) {
        snprintf(extended, sizeof extended, "%s,%s", trail, PLUGIN_NAME);
    } else {
        snprintf(extended, sizeof extended, "%s", PLUGIN_NAME);
    }
    json_set_member(message, "trail", extended);
}

static const char *trail(MQ_Message *message)
{
    const char *trail = json_member(message, "trail");
    return trail != NULL ? trail : "none";
}

/* "leave-message": the hook neither reads nor changes the message, so libmqhost never parses its JSON */
static bool left_alone(MQ_Context *context, HandBack *call, const char *name)
{
    tk_record("%s %s left the message alone", PLUGIN_NAME, name);
    return hook(context, call, name);
}

MQ_EXPORT bool mq_smtp_in_message(MQ_Context *context, Connection *connection, MQ_Message *message)
{
    HandBack *call = HAND_BACK_OF(context, connection);
    if (tk_number(PLUGIN_NAME, "leave-message") != 0) return left_alone(context, call, "mq_smtp_in_message");
    tk_record("%s mq_smtp_in_message data=%s envelope=%s recipient=%s trail=%s", PLUGIN_NAME,
              (char *)connection_data(connection), shown(message_envelope(message)),
              shown(message_recipient(message)), trail(message));
    detail("mq_smtp_in_message", "mime", message_mime(message), (size_t)-1);
    extend_trail(message);
    if (tk_number(PLUGIN_NAME, "rewrite") != 0) {
        message_set_recipient(message, PLUGIN_NAME "@rewritten.example", strlen(PLUGIN_NAME "@rewritten.example"));
    }
    if (tk_number(PLUGIN_NAME, "edit-envelope") != 0) {
        message_set_envelope(message, PLUGIN_NAME "@envelope.example", strlen(PLUGIN_NAME "@envelope.example"));
    }
    if (tk_number(PLUGIN_NAME, "edit-mime") != 0) {
        prepend_header(message, "X-Edited-By: " PLUGIN_NAME "\r\n", message_mime(message));
    }
#if API_CONNECTION_GENERATION
    int local = tk_number(PLUGIN_NAME, "local");
    if (local != 0) {
        tk_record("%s local before=%d", PLUGIN_NAME, MQ_local(message));
        MQ_setLocal(message, local > 0);
    }
#endif
    return hook(context, call, "mq_smtp_in_message");
}

MQ_EXPORT bool mq_smtp_in_close(MQ_Context *context, Connection *connection)
{
    tk_record("%s mq_smtp_in_close ctx=%s data=%s", PLUGIN_NAME, context_label(context),
              (char *)connection_data(connection));
    free(connection_data(connection));
    connection_set_data(connection, NULL);
    return hook(context, HAND_BACK_OF(context, connection), "mq_smtp_in_close");
}

MQ_EXPORT bool mq_smtp_out_data(MQ_Context *context, Connection *connection, MQ_Message *message)
{
    HandBack *call = HAND_BACK_OF(context, connection);
    const char *header = "X-Plugin: " PLUGIN_NAME "\r\n";
    (void)connection;
    if (tk_number(PLUGIN_NAME, "leave-message") != 0) return left_alone(context, call, "mq_smtp_out_data");
    tk_record("%s mq_smtp_out_data envelope=%s recipient=%s mime=%s trail=%s", PLUGIN_NAME,
              shown(message_envelope(message)), shown(message_recipient(message)),
              message_mime(message) ? "set" : "null", trail(message));
    detail("mq_smtp_out_data", "mime", message_mime(message), (size_t)-1);
    extend_trail(message);
    if (tk_number(PLUGIN_NAME, "rewrite") != 0) {
        const char *body = message_mime(message);
        if (body == NULL) body = json_member(message, "mime");
        prepend_header(message, header, body);
        message_set_envelope(message, PLUGIN_NAME "@bounces.example", strlen(PLUGIN_NAME "@bounces.example"));
    }
    if (tk_number(PLUGIN_NAME, "edit-recipient") != 0) {
        message_set_recipient(message, PLUGIN_NAME "@elsewhere.example", strlen(PLUGIN_NAME "@elsewhere.example"));
    }
    return hook(context, call, "mq_smtp_out_data");
}

#if API_CONNECTION_GENERATION
/* After the MIME went out, before its reply is read: what went over the line; the message is left as it is. */
MQ_EXPORT bool mq_smtp_out_sent(MQ_Context *context, MQ_Connection *connection, MQ_Message *message)
{
    if (tk_number(PLUGIN_NAME, "leave-message") != 0) return left_alone(context, connection, "mq_smtp_out_sent");
    tk_record("%s mq_smtp_out_sent envelope=%s recipient=%s mime=%s trail=%s", PLUGIN_NAME,
              shown(message_envelope(message)), shown(message_recipient(message)),
              message_mime(message) ? "set" : "null", trail(message));
    detail("mq_smtp_out_sent", "mime", message_mime(message), (size_t)-1);
    return hook(context, connection, "mq_smtp_out_sent");
}
#endif
