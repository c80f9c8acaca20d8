/**
 * mqhost.c - libmqhost: every MQ_ function of mailerq.h, for the Java runtime.
 * See mqhost.h for how the work is split between this library and Java.
 */
#define _GNU_SOURCE
#include "mqhost.h"
#include "crash.h"
#include "dev_mqkit_runtime_host_HookCalls.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* The objects plugins hold pointers to                                     */
/* ------------------------------------------------------------------------ */

struct MQ_Context {
    int64_t call;       /* the hook call this context was last handed to */
    int32_t host;
    int32_t worker;
    int32_t plugin;
    void **data;        /* this plugin's slot in the worker's context data */
};

/* What all plugins' views of one connection share. */
struct mqhost_connection {
    int64_t id;
    int32_t host;
    int32_t fd;
    int32_t plugins;
    int32_t secure;
    int32_t authenticated;
    MQ_SmtpConnection *views;
};

struct MQ_SmtpConnection {
    struct mqhost_connection *shared;
    int32_t plugin;
    void *data;         /* this plugin's MQ_SmtpData */
};

struct MQ_Message {
    int outgoing;
    char *text;                 /* the JSON as handed in, until parsed */
    struct json_object *json;   /* parsed on first use */
    char *envelope;             /* outgoing: the wire values */
    char *recipient;
    char *mime;                 /* outgoing: set by MQ_SetMime only */
    size_t mime_size;
};

/* Watchers and timers are never freed while a late call could still name
 * them: they retire to a ring of spent objects first (see retire()). */
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

/* ------------------------------------------------------------------------ */
/* Callbacks into Java                                                      */
/* ------------------------------------------------------------------------ */

static mqhost_handback_fn java_handback;
static mqhost_send_fn java_send;
static mqhost_watch_fn java_watch;
static mqhost_unwatch_fn java_unwatch;
static mqhost_timer_fn java_timer_start;
static mqhost_timer_fn java_timer_stop;
static mqhost_timer_fn java_timer_reset;
static mqhost_log_fn java_log;

void mqhost_install(mqhost_handback_fn handback, mqhost_send_fn send,
                    mqhost_watch_fn watch, mqhost_unwatch_fn unwatch,
                    mqhost_timer_fn timer_start, mqhost_timer_fn timer_stop,
                    mqhost_timer_fn timer_reset, mqhost_log_fn log)
{
    java_handback = handback;
    java_send = send;
    java_watch = watch;
    java_unwatch = unwatch;
    java_timer_start = timer_start;
    java_timer_stop = timer_stop;
    java_timer_reset = timer_reset;
    java_log = log;
}

/* Reports a plugin's misuse of the API instead of crashing on it. */
__attribute__((format(printf, 4, 5)))
static void report(int32_t host, int32_t plugin, int level, const char *format, ...)
{
    char message[512];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    if (java_log != NULL) MQHOST_JAVA_CODE(java_log(host, plugin, level, message));
    else fprintf(stderr, "libmqhost: %s\n", message);
}

#define REQUIRE(pointer, function, result) \
    do { \
        if ((pointer) == NULL) { \
            report(-1, -1, MQHOST_ERROR, "%s called with NULL " #pointer, function); \
            return result; \
        } \
    } while (0)

/* ------------------------------------------------------------------------ */
/* Spent watchers and timers                                                */
/* ------------------------------------------------------------------------ */

#define RETIRED_CAPACITY 16384

static void *retired[RETIRED_CAPACITY];
static size_t retired_next;
static pthread_mutex_t retired_lock = PTHREAD_MUTEX_INITIALIZER;

/* Keeps a spent object readable for a while, so that a plugin stopping a
 * fired timer or unwatching twice is reported rather than corrupting memory. */
static void retire(void *object)
{
    void *evicted;
    pthread_mutex_lock(&retired_lock);
    evicted = retired[retired_next];
    retired[retired_next] = object;
    retired_next = (retired_next + 1) % RETIRED_CAPACITY;
    pthread_mutex_unlock(&retired_lock);
    free(evicted);
}

/* ------------------------------------------------------------------------ */
/* json-c, loaded at run time                                               */
/* ------------------------------------------------------------------------ */

static struct {
    int loaded;
    struct json_object *(*parse)(const char *text);
    const char *(*to_string)(struct json_object *object, int flags);
    int (*put)(struct json_object *object);
    int (*get_ex)(const struct json_object *object, const char *key, struct json_object **value);
    const char *(*get_string)(struct json_object *object);
    int (*is_type)(const struct json_object *object, int type);
    struct json_object *(*new_string_len)(const char *text, int size);
    int (*add)(struct json_object *object, const char *key, struct json_object *value);
    struct json_object *(*new_object)(void);
} jsonc;

#define JSON_C_TO_STRING_PLAIN 0
#define JSON_TYPE_OBJECT 4
#define JSON_TYPE_STRING 6

static pthread_once_t jsonc_once = PTHREAD_ONCE_INIT;

static void jsonc_load(void)
{
    static const char *const names[] = {"libjson-c.so.5", "libjson-c.so.4", "libjson-c.so"};
    void *library = NULL;
    for (size_t i = 0; library == NULL && i < sizeof names / sizeof names[0]; i++) {
        library = dlopen(names[i], RTLD_NOW | RTLD_GLOBAL);
    }
    if (library == NULL) return;
    *(void **)&jsonc.parse = dlsym(library, "json_tokener_parse");
    *(void **)&jsonc.to_string = dlsym(library, "json_object_to_json_string_ext");
    *(void **)&jsonc.put = dlsym(library, "json_object_put");
    *(void **)&jsonc.get_ex = dlsym(library, "json_object_object_get_ex");
    *(void **)&jsonc.get_string = dlsym(library, "json_object_get_string");
    *(void **)&jsonc.is_type = dlsym(library, "json_object_is_type");
    *(void **)&jsonc.new_string_len = dlsym(library, "json_object_new_string_len");
    *(void **)&jsonc.add = dlsym(library, "json_object_object_add");
    *(void **)&jsonc.new_object = dlsym(library, "json_object_new_object");
    jsonc.loaded = jsonc.parse && jsonc.to_string && jsonc.put && jsonc.get_ex && jsonc.get_string
        && jsonc.is_type && jsonc.new_string_len && jsonc.add && jsonc.new_object;
}

int32_t mqhost_json_available(void)
{
    pthread_once(&jsonc_once, jsonc_load);
    return jsonc.loaded;
}

/* The message's JSON, parsed on first use; NULL without json-c. */
static struct json_object *message_json(MQ_Message *message)
{
    if (message->json != NULL) return message->json;
    if (!mqhost_json_available()) {
        report(-1, -1, MQHOST_ERROR, "MQ_Json: json-c (libjson-c.so.5) is not installed; "
               "install it (apt-get install libjson-c5)");
        return NULL;
    }
    message->json = jsonc.parse(message->text != NULL ? message->text : "{}");
    if (message->json == NULL || !jsonc.is_type(message->json, JSON_TYPE_OBJECT)) {
        if (message->json != NULL) jsonc.put(message->json);
        message->json = jsonc.new_object();
    }
    return message->json;
}

static const char *json_string(MQ_Message *message, const char *key)
{
    struct json_object *json = message_json(message);
    struct json_object *value = NULL;
    if (json == NULL || !jsonc.get_ex(json, key, &value) || !jsonc.is_type(value, JSON_TYPE_STRING)) return NULL;
    return jsonc.get_string(value);
}

static void json_set_string(MQ_Message *message, const char *key, const char *text, size_t size)
{
    struct json_object *json = message_json(message);
    if (json != NULL) jsonc.add(json, key, jsonc.new_string_len(text != NULL ? text : "", (int)size));
}

/* ------------------------------------------------------------------------ */
/* Plugins and trampolines                                                  */
/* ------------------------------------------------------------------------ */

int32_t mqhost_api_version(void)
{
    return MQ_API_VERSION;
}

int64_t mqhost_plugin_open(const char *path, char *error, int32_t size)
{
    void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL && size > 0) {
        snprintf(error, (size_t)size, "%s", dlerror());
    }
    return (int64_t)(intptr_t)handle;
}

int64_t mqhost_plugin_symbol(int64_t handle, const char *name)
{
    return (int64_t)(intptr_t)dlsym((void *)(intptr_t)handle, name);
}

#define FN(type, fn) ((type)(intptr_t)(fn))
#define PTR(type, address) ((type *)(intptr_t)(address))

int32_t mqhost_call_version(int64_t fn)
{
    int version;
    MQHOST_PLUGIN_CODE(version = FN(int (*)(void), fn)());
    return version;
}

void mqhost_call_void(int64_t fn)
{
    MQHOST_PLUGIN_CODE(FN(void (*)(void), fn)());
}

/* weak: defined only when a sanitizer runtime with LeakSanitizer is preloaded, NULL otherwise */
extern int __lsan_do_recoverable_leak_check(void) __attribute__((weak));

int32_t mqhost_leak_check(void)
{
    if (__lsan_do_recoverable_leak_check == NULL) {
        return -1;
    }
    return __lsan_do_recoverable_leak_check() ? 1 : 0;
}

/* Hands the context to this call and returns plugin number plugin's view of the connection. */
static MQ_SmtpConnection *prepare(int64_t context, int64_t call, int64_t connection, int32_t plugin);

/* Calls a hook as plugin code and gives its result to Java. */
#define HOOK_CALL(call) \
    do { bool result_; MQHOST_PLUGIN_CODE(result_ = (call)); return result_ ? JNI_TRUE : JNI_FALSE; } while (0)

JNIEXPORT jboolean JNICALL Java_dev_mqkit_runtime_host_HookCalls_context(
    JNIEnv *env, jclass calls, jlong fn, jlong context, jlong call)
{
    (void)env, (void)calls;
    prepare(context, call, 0, 0);
    HOOK_CALL(FN(bool (*)(MQ_Context *), fn)(PTR(MQ_Context, context)));
}

JNIEXPORT jboolean JNICALL Java_dev_mqkit_runtime_host_HookCalls_connection(
    JNIEnv *env, jclass calls, jlong fn, jlong context, jlong call, jlong connection, jint plugin)
{
    (void)env, (void)calls;
    MQ_SmtpConnection *view = prepare(context, call, connection, plugin);
    HOOK_CALL(FN(bool (*)(MQ_Context *, MQ_SmtpConnection *), fn)(PTR(MQ_Context, context), view));
}

JNIEXPORT jboolean JNICALL Java_dev_mqkit_runtime_host_HookCalls_text(
    JNIEnv *env, jclass calls, jlong fn, jlong context, jlong call, jlong connection, jint plugin,
    jlong text, jlong size)
{
    (void)env, (void)calls;
    MQ_SmtpConnection *view = prepare(context, call, connection, plugin);
    HOOK_CALL(FN(bool (*)(MQ_Context *, MQ_SmtpConnection *, const char *, size_t), fn)(
        PTR(MQ_Context, context), view, PTR(const char, text), (size_t)size));
}

JNIEXPORT jboolean JNICALL Java_dev_mqkit_runtime_host_HookCalls_credentials(
    JNIEnv *env, jclass calls, jlong fn, jlong context, jlong call, jlong connection, jint plugin,
    jlong login, jlong loginsize, jlong passwd, jlong passwdsize)
{
    (void)env, (void)calls;
    MQ_SmtpConnection *view = prepare(context, call, connection, plugin);
    HOOK_CALL(FN(bool (*)(MQ_Context *, MQ_SmtpConnection *, const char *, size_t, const char *, size_t), fn)(
        PTR(MQ_Context, context), view,
        PTR(const char, login), (size_t)loginsize, PTR(const char, passwd), (size_t)passwdsize));
}

JNIEXPORT jboolean JNICALL Java_dev_mqkit_runtime_host_HookCalls_message(
    JNIEnv *env, jclass calls, jlong fn, jlong context, jlong call, jlong connection, jint plugin,
    jlong message)
{
    (void)env, (void)calls;
    MQ_SmtpConnection *view = prepare(context, call, connection, plugin);
    HOOK_CALL(FN(bool (*)(MQ_Context *, MQ_SmtpConnection *, MQ_Message *), fn)(
        PTR(MQ_Context, context), view, PTR(MQ_Message, message)));
}

int64_t mqhost_copy(const void *bytes, int64_t size)
{
    char *copy = malloc((size_t)size + 1);
    if (copy == NULL) return 0;
    memcpy(copy, bytes, (size_t)size);
    copy[size] = '\0';
    return (int64_t)(intptr_t)copy;
}

void mqhost_free(int64_t pointer)
{
    free(PTR(void, pointer));
}

/* ------------------------------------------------------------------------ */
/* Contexts                                                                 */
/* ------------------------------------------------------------------------ */

int64_t mqhost_slots_new(int32_t plugins)
{
    return (int64_t)(intptr_t)calloc((size_t)(plugins > 0 ? plugins : 1), sizeof(void *));
}

int64_t mqhost_context_new(int32_t host, int32_t worker, int32_t plugin, int64_t data)
{
    MQ_Context *context = calloc(1, sizeof *context);
    if (context == NULL) return 0;
    context->host = host;
    context->worker = worker;
    context->plugin = plugin;
    context->data = PTR(void *, data);
    return (int64_t)(intptr_t)context;
}

static void hand_back(MQ_Context *context, int how)
{
    MQHOST_JAVA_CODE(java_handback(context->host, context->worker, context->plugin, context->call, how));
}

void MQ_Continue(MQ_Context *context)
{
    REQUIRE(context, "MQ_Continue", );
    hand_back(context, MQHOST_CONTINUE);
}

void MQ_Complete(MQ_Context *context)
{
    REQUIRE(context, "MQ_Complete", );
    hand_back(context, MQHOST_COMPLETE);
}

void MQ_Retry(MQ_Context *context)
{
    REQUIRE(context, "MQ_Retry", );
    hand_back(context, MQHOST_RETRY);
}

void *MQ_ContextData(MQ_Context *context)
{
    REQUIRE(context, "MQ_ContextData", NULL);
    return *context->data;
}

void MQ_SetContextData(MQ_Context *context, void *value)
{
    REQUIRE(context, "MQ_SetContextData", );
    *context->data = value;
}

struct ev_loop *MQ_ev(MQ_Context *context)
{
    REQUIRE(context, "MQ_ev", NULL);
    report(context->host, context->plugin, MQHOST_WARNING,
           "MQ_ev: the embedded runtime runs on Netty, not libev, and returns NULL; "
           "use MQ_IOWatch and MQ_TimerStart, which behave the same in MailerQ");
    return NULL;
}

/* ------------------------------------------------------------------------ */
/* The event loop                                                           */
/* ------------------------------------------------------------------------ */

MQ_IOWatcher *MQ_IOWatch(MQ_Context *context, int fd, int events,
                         void (*callback)(MQ_IOWatcher *watcher, int fd, int events, void *data),
                         void *data)
{
    MQ_IOWatcher *watcher;
    REQUIRE(context, "MQ_IOWatch", NULL);
    REQUIRE(callback, "MQ_IOWatch", NULL);
    if (fd < 0 || (events & (MQ_READ | MQ_WRITE)) == 0) {
        report(context->host, context->plugin, MQHOST_ERROR,
               "MQ_IOWatch(fd %d, events %d): needs a valid descriptor and MQ_READ and/or MQ_WRITE", fd, events);
        return NULL;
    }
    watcher = calloc(1, sizeof *watcher);
    if (watcher == NULL) return NULL;
    atomic_init(&watcher->state, LIVE);
    watcher->host = context->host;
    watcher->worker = context->worker;
    watcher->plugin = context->plugin;
    watcher->fd = fd;
    watcher->events = events & (MQ_READ | MQ_WRITE);
    watcher->callback = callback;
    watcher->data = data;
    MQHOST_JAVA_CODE(java_watch(watcher->host, watcher->worker, watcher->plugin, watcher, fd, watcher->events));
    return watcher;
}

void MQ_IOUnwatch(MQ_IOWatcher *watcher)
{
    int live = LIVE;
    REQUIRE(watcher, "MQ_IOUnwatch", );
    if (!atomic_compare_exchange_strong(&watcher->state, &live, STOPPED)) {
        report(watcher->host, watcher->plugin, MQHOST_ERROR,
               "MQ_IOUnwatch on a watcher of fd %d that was already unwatched; ignored", watcher->fd);
        return;
    }
    MQHOST_JAVA_CODE(java_unwatch(watcher->host, watcher->worker, watcher));
    retire(watcher);
}

int32_t mqhost_watcher_fire(int64_t address, int32_t events)
{
    MQ_IOWatcher *watcher = PTR(MQ_IOWatcher, address);
    if (atomic_load(&watcher->state) != LIVE) return 0;
    MQHOST_PLUGIN_CODE(watcher->callback(watcher, watcher->fd, events & watcher->events, watcher->data));
    return atomic_load(&watcher->state) == LIVE;
}

int32_t mqhost_watcher_fd(int64_t watcher)
{
    return PTR(MQ_IOWatcher, watcher)->fd;
}

int32_t mqhost_watcher_events(int64_t watcher)
{
    return PTR(MQ_IOWatcher, watcher)->events;
}

MQ_Timer *MQ_TimerStart(MQ_Context *context, float timeout, void (*callback)(void *data), void *data)
{
    MQ_Timer *timer;
    REQUIRE(context, "MQ_TimerStart", NULL);
    REQUIRE(callback, "MQ_TimerStart", NULL);
    timer = calloc(1, sizeof *timer);
    if (timer == NULL) return NULL;
    atomic_init(&timer->state, LIVE);
    timer->host = context->host;
    timer->worker = context->worker;
    timer->plugin = context->plugin;
    timer->callback = callback;
    timer->data = data;
    MQHOST_JAVA_CODE(java_timer_start(timer->host, timer->worker, timer->plugin, timer, timeout));
    return timer;
}

static const char *spent(int state)
{
    return state == FIRED ? "already fired (the host cleans fired timers up)" : "already stopped";
}

void MQ_TimerStop(MQ_Timer *timer)
{
    int state = LIVE;
    REQUIRE(timer, "MQ_TimerStop", );
    if (!atomic_compare_exchange_strong(&timer->state, &state, STOPPED)) {
        report(timer->host, timer->plugin, MQHOST_ERROR, "MQ_TimerStop on a timer that %s; ignored", spent(state));
        return;
    }
    MQHOST_JAVA_CODE(java_timer_stop(timer->host, timer->worker, timer->plugin, timer, 0.0f));
    retire(timer);
}

void MQ_TimerReset(MQ_Timer *timer, float timeout)
{
    int state;
    REQUIRE(timer, "MQ_TimerReset", );
    state = atomic_load(&timer->state);
    if (state != LIVE) {
        report(timer->host, timer->plugin, MQHOST_ERROR, "MQ_TimerReset on a timer that %s; ignored", spent(state));
        return;
    }
    MQHOST_JAVA_CODE(java_timer_reset(timer->host, timer->worker, timer->plugin, timer, timeout));
}

void mqhost_timer_fire(int64_t address)
{
    MQ_Timer *timer = PTR(MQ_Timer, address);
    int live = LIVE;
    if (!atomic_compare_exchange_strong(&timer->state, &live, FIRED)) return;
    MQHOST_PLUGIN_CODE(timer->callback(timer->data));
    retire(timer);
}

/* ------------------------------------------------------------------------ */
/* Connections                                                              */
/* ------------------------------------------------------------------------ */

int64_t mqhost_connection_new(int32_t host, int64_t id, int32_t fd, int32_t plugins)
{
    struct mqhost_connection *connection = calloc(1, sizeof *connection);
    if (connection == NULL) return 0;
    connection->views = calloc((size_t)(plugins > 0 ? plugins : 1), sizeof *connection->views);
    if (connection->views == NULL) {
        free(connection);
        return 0;
    }
    connection->id = id;
    connection->host = host;
    connection->fd = fd;
    connection->plugins = plugins;
    for (int32_t i = 0; i < plugins; i++) {
        connection->views[i].shared = connection;
        connection->views[i].plugin = i;
    }
    return (int64_t)(intptr_t)connection;
}

static MQ_SmtpConnection *prepare(int64_t context, int64_t call, int64_t connection, int32_t plugin)
{
    PTR(MQ_Context, context)->call = call;
    return connection == 0 ? NULL : &PTR(struct mqhost_connection, connection)->views[plugin];
}

void mqhost_connection_set_secure(int64_t connection, int32_t secure)
{
    PTR(struct mqhost_connection, connection)->secure = secure;
}

int32_t mqhost_connection_authenticated(int64_t connection)
{
    return PTR(struct mqhost_connection, connection)->authenticated;
}

void mqhost_connection_set_authenticated(int64_t connection, int32_t authenticated)
{
    PTR(struct mqhost_connection, connection)->authenticated = authenticated;
}

void mqhost_connection_free(int64_t address)
{
    struct mqhost_connection *connection = PTR(struct mqhost_connection, address);
    free(connection->views);
    free(connection);
}

int MQ_SmtpFileDescriptor(MQ_SmtpConnection *connection)
{
    REQUIRE(connection, "MQ_SmtpFileDescriptor", -1);
    return connection->shared->fd;
}

size_t MQ_SmtpSend(MQ_SmtpConnection *connection, const void *buffer, size_t size)
{
    REQUIRE(connection, "MQ_SmtpSend", 0);
    if (size == 0) return 0;
    REQUIRE(buffer, "MQ_SmtpSend", 0);
    int64_t sent;
    MQHOST_JAVA_CODE(sent = java_send(connection->shared->host, connection->shared->id, connection->plugin, buffer,
                                      (int64_t)size));
    return (size_t)sent;
}

bool MQ_SmtpSecure(MQ_SmtpConnection *connection)
{
    REQUIRE(connection, "MQ_SmtpSecure", false);
    return connection->shared->secure != 0;
}

bool MQ_SmtpAuthenticated(MQ_SmtpConnection *connection)
{
    REQUIRE(connection, "MQ_SmtpAuthenticated", false);
    return connection->shared->authenticated != 0;
}

void MQ_SetSmtpAuthenticated(MQ_SmtpConnection *connection, bool authenticated)
{
    REQUIRE(connection, "MQ_SetSmtpAuthenticated", );
    connection->shared->authenticated = authenticated;
}

void *MQ_SmtpData(MQ_SmtpConnection *connection)
{
    REQUIRE(connection, "MQ_SmtpData", NULL);
    return connection->data;
}

void MQ_SetSmtpData(MQ_SmtpConnection *connection, void *data)
{
    REQUIRE(connection, "MQ_SetSmtpData", );
    connection->data = data;
}

/* ------------------------------------------------------------------------ */
/* Messages                                                                 */
/* ------------------------------------------------------------------------ */

static char *copy_text(const char *text, size_t size)
{
    char *copy;
    if (text == NULL) return NULL;
    copy = malloc(size + 1);
    if (copy == NULL) return NULL;
    memcpy(copy, text, size);
    copy[size] = '\0';
    return copy;
}

int64_t mqhost_message_new(const char *json, int32_t outgoing, const char *envelope, const char *recipient)
{
    MQ_Message *message = calloc(1, sizeof *message);
    if (message == NULL) return 0;
    message->outgoing = outgoing;
    message->text = json != NULL ? strdup(json) : NULL;
    if (outgoing) {
        message->envelope = envelope != NULL ? strdup(envelope) : NULL;
        message->recipient = recipient != NULL ? strdup(recipient) : NULL;
    }
    return (int64_t)(intptr_t)message;
}

const char *mqhost_message_json(int64_t address)
{
    MQ_Message *message = PTR(MQ_Message, address);
    return message->json != NULL ? jsonc.to_string(message->json, JSON_C_TO_STRING_PLAIN) : NULL;
}

const char *mqhost_message_envelope(int64_t message)
{
    return PTR(MQ_Message, message)->envelope;
}

const char *mqhost_message_recipient(int64_t message)
{
    return PTR(MQ_Message, message)->recipient;
}

const char *mqhost_message_mime(int64_t address, int64_t *size)
{
    MQ_Message *message = PTR(MQ_Message, address);
    *size = (int64_t)message->mime_size;
    return message->mime;
}

void mqhost_message_free(int64_t address)
{
    MQ_Message *message = PTR(MQ_Message, address);
    if (message->json != NULL) jsonc.put(message->json);
    free(message->text);
    free(message->envelope);
    free(message->recipient);
    free(message->mime);
    free(message);
}

struct json_object *MQ_Json(MQ_Message *message)
{
    REQUIRE(message, "MQ_Json", NULL);
    return message_json(message);
}

const char *MQ_Envelope(MQ_Message *message)
{
    REQUIRE(message, "MQ_Envelope", NULL);
    return message->outgoing ? message->envelope : json_string(message, "envelope");
}

const char *MQ_Recipient(MQ_Message *message)
{
    REQUIRE(message, "MQ_Recipient", NULL);
    return message->outgoing ? message->recipient : json_string(message, "recipient");
}

const char *MQ_Mime(MQ_Message *message)
{
    REQUIRE(message, "MQ_Mime", NULL);
    return message->outgoing ? message->mime : json_string(message, "mime");
}

/* Replaces an outgoing wire value; the JSON keeps the original. */
static void set_wire(char **field, const char *text, size_t size)
{
    char *copy = copy_text(text, size);
    free(*field);
    *field = copy;
}

void MQ_SetEnvelope(MQ_Message *message, const char *envelope, size_t size)
{
    REQUIRE(message, "MQ_SetEnvelope", );
    if (message->outgoing) set_wire(&message->envelope, envelope, size);
    else json_set_string(message, "envelope", envelope, size);
}

void MQ_SetRecipient(MQ_Message *message, const char *recipient, size_t size)
{
    REQUIRE(message, "MQ_SetRecipient", );
    if (message->outgoing) set_wire(&message->recipient, recipient, size);
    else json_set_string(message, "recipient", recipient, size);
}

void MQ_SetMime(MQ_Message *message, const char *mime, size_t size)
{
    REQUIRE(message, "MQ_SetMime", );
    if (message->outgoing) {
        set_wire(&message->mime, mime, size);
        message->mime_size = message->mime != NULL ? size : 0;
    } else {
        json_set_string(message, "mime", mime, size);
    }
}
