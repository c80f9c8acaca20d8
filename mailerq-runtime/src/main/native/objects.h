/**
 * objects.h - inside libmqhost: the objects plugins hold pointers to, and the
 * work both API generations share.
 *
 * libmqhost defines the MQ_ functions of both generations, whose names differ
 * by case (MQ_Continue and MQ_continue), in one library: mqhost.c holds what
 * Java calls and what the generations share, smtpconnection_api.c the
 * 2.1/3.x functions and connection_api.c the 4.0-5.13 ones, each compiled
 * against its own generation of mailerq.h. Both hand plugins the same view of
 * a connection, typed MQ_SmtpConnection or MQ_Connection; those types, like
 * MQ_Address, are never defined: the functions cast them to the structs here.
 */
#ifndef MQHOST_OBJECTS_H
#define MQHOST_OBJECTS_H

#include "mqhost.h"
#include "crash.h"

#include <stdatomic.h>
#include <stddef.h>

struct MQ_Context {
    int64_t call;       /* the hook call this context was last handed to (2.1/3.x hand-back token) */
    int32_t host;
    int32_t worker;
    int32_t plugin;
    void **data;        /* this plugin's slot in the worker's context data */
};

/* What all plugins' views of one connection share. */
struct mqhost_connection {
    int64_t id;
    int32_t host;
    int32_t worker;
    int32_t fd;
    int32_t plugins;
    int32_t secure;
    int32_t authenticated;
    struct mqhost_view *views;
};

/* One plugin's view of a connection: what MQ_SmtpConnection and MQ_Connection point at. */
struct mqhost_view {
    struct mqhost_connection *shared;
    int32_t plugin;
    void *data;         /* this plugin's connection data */
    int64_t call;       /* this plugin's latest hook call on the connection (4.0+ hand-back token) */
};

/* What an MQ_Address points at (4.0+): MQ_email gives email, NULL for the null path <>. */
struct mqhost_address {
    const char *email;
};

/* json-c or libfastjson: the same functions under the prefix json_ or fjson_. */
struct mqhost_json {
    const char *library;
    int loaded;
    void *(*parse)(const char *text);
    const char *(*to_string)(void *object, int flags);
    int (*put)(void *object);
    int (*get_ex)(const void *object, const char *key, void **value);
    const char *(*get_string)(void *object);
    int (*is_type)(const void *object, int type);
    void *(*new_string_len)(const char *text, int size);
    int (*add)(void *object, const char *key, void *value);
    void *(*new_object)(void);
};

struct MQ_Message {
    int outgoing;
    int local;                      /* incoming: goes to the local queue instead of the inbox */
    const struct mqhost_json *api;  /* the library MQ_json's object belongs to */
    char *text;                     /* the JSON as handed in, until parsed */
    void *json;                     /* parsed on first use */
    char *envelope;                 /* outgoing: the wire values */
    char *recipient;
    char *mime;                     /* outgoing: set by a plugin only */
    size_t mime_size;
    struct mqhost_address envelope_address; /* what the 4.0+ MQ_envelope points at */
};

enum mqhost_field { MQHOST_ENVELOPE, MQHOST_RECIPIENT, MQHOST_MIME };

/* Watchers and timers are never freed while a late call could still name them. */
enum mqhost_state { LIVE = 0, FIRED = 1, STOPPED = 2 };

struct MQ_IOWatcher {
    _Atomic int state;
    int32_t host;
    int32_t worker;
    int32_t plugin;
    int32_t fd;
    int32_t events;
    void (*callback)(MQ_IOWatcher *watcher, int fd, int events, void *data);
    void *data;
};

struct MQ_Timer {
    _Atomic int state;
    int32_t host;
    int32_t worker;
    int32_t plugin;
    void (*callback)(void *data);
    void *data;
};

/** Reports a plugin's misuse of the API (host or plugin -1: unknown) instead of crashing on it. */
void mqhost_report(int32_t host, int32_t plugin, int level, const char *format, ...)
    __attribute__((format(printf, 4, 5)));

#define REQUIRE(pointer, function, result) \
    do { \
        if ((pointer) == NULL) { \
            mqhost_report(-1, -1, MQHOST_ERROR, "%s called with NULL " #pointer, function); \
            return result; \
        } \
    } while (0)

/** MQ_log: a line for the runtime's log from the object whose code is at caller. */
void mqhost_log_from(const void *caller, int priority, const char *message);

/** Gives control back to the host for the hook call `call` of plugin number plugin. */
void mqhost_hand_back(int32_t host, int32_t worker, int32_t plugin, int64_t call, int how);

/** The event loop's functions; function is the MQ_ name the plugin called, for reports. */
MQ_IOWatcher *mqhost_watch(const char *function, MQ_Context *context, int fd, int events,
                           void (*callback)(MQ_IOWatcher *watcher, int fd, int events, void *data), void *data);
void mqhost_unwatch(const char *function, MQ_IOWatcher *watcher);
MQ_Timer *mqhost_timer_start(const char *function, MQ_Context *context, float timeout,
                             void (*callback)(void *data), void *data);
void mqhost_timer_stop(const char *function, MQ_Timer *timer);
void mqhost_timer_reset(const char *function, MQ_Timer *timer, float timeout);

/** Writes bytes to the connection's peer for the view's plugin. */
size_t mqhost_send(const char *function, struct mqhost_view *view, const void *buffer, size_t size);

/** The message's JSON object, parsed on first use; NULL when its library is missing. */
void *mqhost_message_object(const char *function, MQ_Message *message);

/** A message's envelope, recipient or MIME: the wire value outgoing, the JSON's property incoming. */
const char *mqhost_message_field(MQ_Message *message, enum mqhost_field field);
void mqhost_message_set_field(MQ_Message *message, enum mqhost_field field, const char *text, size_t size);

#endif
