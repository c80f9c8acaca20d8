/**
 * api_compat.h - the scripted plugin's names for what both plugin API
 * generations of mailerq.h offer, each mapped onto the generation the plugin
 * is built for (MQ_MAILERQ_VERSION):
 *  - 2.1/3.x: MQ_SmtpConnection, hand-back with MQ_Continue(context) and
 *    friends, MQ_Json on json-c;
 *  - 4.0-5.13: MQ_Connection, hand-back with MQ_continue(connection) and
 *    friends, MQ_json on json-c until 4.4 and on libfastjson from 5.0.
 * What one generation alone has (bool or void context hooks, MQ_Address,
 * mq_smtp_out_sent, MQ_local, MQ_log) the plugin writes itself, under
 * #if API_CONNECTION_GENERATION.
 */
#ifndef API_COMPAT_H
#define API_COMPAT_H

#include <mailerq.h>

#define API_CONNECTION_GENERATION (MQ_MAILERQ_VERSION >= 40000)

#if API_CONNECTION_GENERATION

typedef MQ_Connection Connection;

/* What a hand-back names: the connection of the call (one suspended call per connection). */
typedef MQ_Connection HandBack;
#define HAND_BACK_OF(context, connection) (connection)

static inline void hand_back_continue(HandBack *call) { MQ_continue(call); }
static inline void hand_back_complete(HandBack *call) { MQ_complete(call); }
static inline void hand_back_retry(HandBack *call) { MQ_retry(call); }

static inline void *context_data(MQ_Context *context) { return MQ_contextData(context); }
static inline void context_set_data(MQ_Context *context, void *data) { MQ_setContextData(context, data); }

static inline MQ_IOWatcher *io_watch(MQ_Context *context, int fd, int events,
                                     void (*callback)(MQ_IOWatcher *watcher, int fd, int events, void *data),
                                     void *data)
{
    return MQ_ioWatch(context, fd, events, callback, data);
}
static inline void io_unwatch(MQ_IOWatcher *watcher) { MQ_ioUnwatch(watcher); }
static inline MQ_Timer *timer_start(MQ_Context *context, float timeout, void (*callback)(void *data), void *data)
{
    return MQ_startTimer(context, timeout, callback, data);
}
static inline void timer_stop(MQ_Timer *timer) { MQ_stopTimer(timer); }

static inline int connection_fd(Connection *connection) { return MQ_fileDescriptor(connection); }
static inline size_t connection_send(Connection *connection, const void *buffer, size_t size)
{
    return MQ_send(connection, buffer, size);
}
static inline bool connection_secure(Connection *connection) { return MQ_secure(connection); }
static inline bool connection_authenticated(Connection *connection) { return MQ_authenticated(connection); }
static inline void connection_set_authenticated(Connection *connection, bool authenticated)
{
    MQ_setAuthenticated(connection, authenticated);
}
static inline void *connection_data(Connection *connection) { return MQ_connectionData(connection); }
static inline void connection_set_data(Connection *connection, void *data) { MQ_setConnectionData(connection, data); }

/* MQ_email of the message's envelope address: NULL when there is none. */
static inline const char *message_envelope(MQ_Message *message)
{
    MQ_Address *envelope = MQ_envelope(message);
    return envelope != NULL ? MQ_email(envelope) : NULL;
}
static inline const char *message_recipient(MQ_Message *message) { return MQ_recipient(message); }
static inline const char *message_mime(MQ_Message *message) { return MQ_mime(message); }
static inline void message_set_envelope(MQ_Message *message, const char *envelope, size_t size)
{
    MQ_setEnvelope(message, envelope, size);
}
static inline void message_set_recipient(MQ_Message *message, const char *recipient, size_t size)
{
    MQ_setRecipient(message, recipient, size);
}
static inline void message_set_mime(MQ_Message *message, const char *mime, size_t size)
{
    MQ_setMime(message, mime, size);
}

/* A function of the other generation, called by the plugin built with -DOTHER_GENERATION_CALL. */
#define OTHER_GENERATION_FUNCTION MQ_Continue

#else /* 2.1/3.x */

typedef MQ_SmtpConnection Connection;

/* What a hand-back names: the context the hook was called with, which stands for that call. */
typedef MQ_Context HandBack;
#define HAND_BACK_OF(context, connection) (context)

static inline void hand_back_continue(HandBack *call) { MQ_Continue(call); }
static inline void hand_back_complete(HandBack *call) { MQ_Complete(call); }
static inline void hand_back_retry(HandBack *call) { MQ_Retry(call); }

static inline void *context_data(MQ_Context *context) { return MQ_ContextData(context); }
static inline void context_set_data(MQ_Context *context, void *data) { MQ_SetContextData(context, data); }

static inline MQ_IOWatcher *io_watch(MQ_Context *context, int fd, int events,
                                     void (*callback)(MQ_IOWatcher *watcher, int fd, int events, void *data),
                                     void *data)
{
    return MQ_IOWatch(context, fd, events, callback, data);
}
static inline void io_unwatch(MQ_IOWatcher *watcher) { MQ_IOUnwatch(watcher); }
static inline MQ_Timer *timer_start(MQ_Context *context, float timeout, void (*callback)(void *data), void *data)
{
    return MQ_TimerStart(context, timeout, callback, data);
}
static inline void timer_stop(MQ_Timer *timer) { MQ_TimerStop(timer); }

static inline int connection_fd(Connection *connection) { return MQ_SmtpFileDescriptor(connection); }
static inline size_t connection_send(Connection *connection, const void *buffer, size_t size)
{
    return MQ_SmtpSend(connection, buffer, size);
}
static inline bool connection_secure(Connection *connection) { return MQ_SmtpSecure(connection); }
static inline bool connection_authenticated(Connection *connection) { return MQ_SmtpAuthenticated(connection); }
static inline void connection_set_authenticated(Connection *connection, bool authenticated)
{
    MQ_SetSmtpAuthenticated(connection, authenticated);
}
static inline void *connection_data(Connection *connection) { return MQ_SmtpData(connection); }
static inline void connection_set_data(Connection *connection, void *data) { MQ_SetSmtpData(connection, data); }

static inline const char *message_envelope(MQ_Message *message) { return MQ_Envelope(message); }
static inline const char *message_recipient(MQ_Message *message) { return MQ_Recipient(message); }
static inline const char *message_mime(MQ_Message *message) { return MQ_Mime(message); }
static inline void message_set_envelope(MQ_Message *message, const char *envelope, size_t size)
{
    MQ_SetEnvelope(message, envelope, size);
}
static inline void message_set_recipient(MQ_Message *message, const char *recipient, size_t size)
{
    MQ_SetRecipient(message, recipient, size);
}
static inline void message_set_mime(MQ_Message *message, const char *mime, size_t size)
{
    MQ_SetMime(message, mime, size);
}

#define OTHER_GENERATION_FUNCTION MQ_continue

#endif

/*
 * The message's JSON. The few functions of its library the plugin uses are
 * declared here, so that the tests need the libraries only, not their
 * development headers.
 */
#if MQ_MAILERQ_VERSION >= 50000

/* libfastjson: the host loads it globally before any plugin, as MailerQ does, so the plugin does not link it. */
struct fjson_object *fjson_object_new_string(const char *text);
int fjson_object_object_get_ex(struct fjson_object *object, const char *key, struct fjson_object **value);
const char *fjson_object_get_string(struct fjson_object *object);
void fjson_object_object_add(struct fjson_object *object, const char *key, struct fjson_object *value);

/* The string member key of the message's JSON, or NULL when it has none. */
static inline const char *json_member(MQ_Message *message, const char *key)
{
    struct fjson_object *value = NULL;
    return fjson_object_object_get_ex(MQ_json(message), key, &value) ? fjson_object_get_string(value) : NULL;
}

/* Sets the member key of the message's JSON to the string text. */
static inline void json_set_member(MQ_Message *message, const char *key, const char *text)
{
    fjson_object_object_add(MQ_json(message), key, fjson_object_new_string(text));
}

#else

/* json-c (libjson-c5) */
struct json_object *json_object_new_string(const char *text);
int json_object_object_get_ex(const struct json_object *object, const char *key, struct json_object **value);
const char *json_object_get_string(struct json_object *object);
int json_object_object_add(struct json_object *object, const char *key, struct json_object *value);

#if API_CONNECTION_GENERATION
#define API_MESSAGE_JSON MQ_json
#else
#define API_MESSAGE_JSON MQ_Json
#endif

static inline const char *json_member(MQ_Message *message, const char *key)
{
    struct json_object *value = NULL;
    return json_object_object_get_ex(API_MESSAGE_JSON(message), key, &value) ? json_object_get_string(value) : NULL;
}

static inline void json_set_member(MQ_Message *message, const char *key, const char *text)
{
    json_object_object_add(API_MESSAGE_JSON(message), key, json_object_new_string(text));
}

#endif

#endif
