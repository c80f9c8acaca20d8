/**
 * mqhost.c - libmqhost: what Java calls, and the work both API generations
 * share. See mqhost.h for how the work is split between this library and
 * Java, objects.h for how the two generations' functions share it.
 */
#define _GNU_SOURCE
#include "objects.h"
#include "dev_mqkit_runtime_host_HookCalls.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FN(type, fn) ((type)(intptr_t)(fn))
#define PTR(type, address) ((type *)(intptr_t)(address))

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
static mqhost_plugin_log_fn java_plugin_log;

void mqhost_install(mqhost_handback_fn handback, mqhost_send_fn send,
                    mqhost_watch_fn watch, mqhost_unwatch_fn unwatch,
                    mqhost_timer_fn timer_start, mqhost_timer_fn timer_stop,
                    mqhost_timer_fn timer_reset, mqhost_log_fn log,
                    mqhost_plugin_log_fn plugin_log)
{
    java_handback = handback;
    java_send = send;
    java_watch = watch;
    java_unwatch = unwatch;
    java_timer_start = timer_start;
    java_timer_stop = timer_stop;
    java_timer_reset = timer_reset;
    java_log = log;
    java_plugin_log = plugin_log;
}

void mqhost_report(int32_t host, int32_t plugin, int level, const char *format, ...)
{
    char message[512];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    if (java_log != NULL) MQHOST_JAVA_CODE(java_log(host, plugin, level, message));
    else fprintf(stderr, "libmqhost: %s\n", message);
}

void mqhost_log_from(const void *caller, int priority, const char *message)
{
    Dl_info info;
    int known = caller != NULL && dladdr(caller, &info) != 0;
    if (java_plugin_log == NULL) {
        fprintf(stderr, "%s\n", message);
        return;
    }
    MQHOST_JAVA_CODE(java_plugin_log(known ? (int64_t)(intptr_t)info.dli_fbase : 0, known ? info.dli_fname : NULL,
                                     priority, message));
}

void mqhost_hand_back(int32_t host, int32_t worker, int32_t plugin, int64_t call, int how)
{
    MQHOST_JAVA_CODE(java_handback(host, worker, plugin, call, how));
}

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
/* json-c and libfastjson, loaded at run time                               */
/* ------------------------------------------------------------------------ */

#define JSON_TO_STRING_PLAIN 0
#define JSON_TYPE_OBJECT 4
#define JSON_TYPE_STRING 6

static struct mqhost_json json_libraries[] = {
    [MQHOST_JSON_C] = {.library = "json-c (libjson-c.so.5; apt-get install libjson-c5)"},
    [MQHOST_FASTJSON] = {.library = "libfastjson (libfastjson.so.4; apt-get install libfastjson4)"},
};

static pthread_mutex_t json_lock = PTHREAD_MUTEX_INITIALIZER;
static int json_tried[2];

/* Binds the library's functions, named prefix + the json-c name. */
static void json_bind(struct mqhost_json *api, void *library, const char *prefix)
{
    char name[64];
#define BIND(field, function) \
    (snprintf(name, sizeof name, "%s%s", prefix, function), *(void **)&api->field = dlsym(library, name))
    BIND(parse, "tokener_parse");
    BIND(to_string, "object_to_json_string_ext");
    BIND(put, "object_put");
    BIND(get_ex, "object_object_get_ex");
    BIND(get_string, "object_get_string");
    BIND(is_type, "object_is_type");
    BIND(new_string_len, "object_new_string_len");
    BIND(add, "object_object_add");
    BIND(new_object, "object_new_object");
#undef BIND
    api->loaded = api->parse && api->to_string && api->put && api->get_ex && api->get_string && api->is_type
        && api->new_string_len && api->add && api->new_object;
}

int32_t mqhost_json_load(int32_t which)
{
    static const char *const jsonc_names[] = {"libjson-c.so.5", "libjson-c.so.4", "libjson-c.so", NULL};
    static const char *const fastjson_names[] = {"libfastjson.so.4", "libfastjson.so", NULL};
    struct mqhost_json *api;
    if (which != MQHOST_JSON_C && which != MQHOST_FASTJSON) return 0;
    api = &json_libraries[which];
    pthread_mutex_lock(&json_lock);
    if (!json_tried[which]) {
        const char *const *names = which == MQHOST_FASTJSON ? fastjson_names : jsonc_names;
        void *library = NULL;
        json_tried[which] = 1;
        for (size_t i = 0; library == NULL && names[i] != NULL; i++) {
            library = dlopen(names[i], RTLD_NOW | RTLD_GLOBAL);
        }
        if (library != NULL) json_bind(api, library, which == MQHOST_FASTJSON ? "fjson_" : "json_");
    }
    pthread_mutex_unlock(&json_lock);
    return api->loaded;
}

void *mqhost_message_object(const char *function, MQ_Message *message)
{
    const struct mqhost_json *api = message->api;
    if (message->json != NULL) return message->json;
    if (!api->loaded) {
        mqhost_report(-1, -1, MQHOST_ERROR, "%s: %s is not installed, so it returns NULL; install it",
                      function, api->library);
        return NULL;
    }
    message->json = api->parse(message->text != NULL ? message->text : "{}");
    if (message->json == NULL || !api->is_type(message->json, JSON_TYPE_OBJECT)) {
        if (message->json != NULL) api->put(message->json);
        message->json = api->new_object();
    }
    return message->json;
}

static const char *json_string(MQ_Message *message, const char *key)
{
    void *json = mqhost_message_object("MQ_json", message);
    void *value = NULL;
    if (json == NULL || !message->api->get_ex(json, key, &value) || !message->api->is_type(value, JSON_TYPE_STRING)) {
        return NULL;
    }
    return message->api->get_string(value);
}

static void json_set_string(MQ_Message *message, const char *key, const char *text, size_t size)
{
    void *json = mqhost_message_object("MQ_json", message);
    if (json != NULL) {
        message->api->add(json, key, message->api->new_string_len(text != NULL ? text : "", (int)size));
    }
}

/* ------------------------------------------------------------------------ */
/* Plugins and trampolines                                                  */
/* ------------------------------------------------------------------------ */

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

int64_t mqhost_object_base(int64_t address)
{
    Dl_info info;
    if (address == 0 || dladdr(PTR(void, address), &info) == 0) return 0;
    return (int64_t)(intptr_t)info.dli_fbase;
}

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

/* Hands the context, and plugin number plugin's view of the connection, to this call; returns the view. */
static struct mqhost_view *prepare(int64_t context, int64_t call, int64_t connection, int32_t plugin)
{
    struct mqhost_view *view;
    PTR(MQ_Context, context)->call = call;
    if (connection == 0) return NULL;
    view = &PTR(struct mqhost_connection, connection)->views[plugin];
    view->call = call;
    return view;
}

/* Calls a hook as plugin code and gives its result to Java. */
#define HOOK_CALL(call) \
    do { bool result_; MQHOST_PLUGIN_CODE(result_ = (call)); return result_ ? JNI_TRUE : JNI_FALSE; } while (0)

/* The view's type differs by generation (MQ_SmtpConnection, MQ_Connection); the pointer is the same. */
typedef struct mqhost_view *view_t;

JNIEXPORT jboolean JNICALL Java_dev_mqkit_runtime_host_HookCalls_context(
    JNIEnv *env, jclass calls, jlong fn, jlong context, jlong call)
{
    (void)env, (void)calls;
    prepare(context, call, 0, 0);
    HOOK_CALL(FN(bool (*)(MQ_Context *), fn)(PTR(MQ_Context, context)));
}

JNIEXPORT void JNICALL Java_dev_mqkit_runtime_host_HookCalls_voidContext(
    JNIEnv *env, jclass calls, jlong fn, jlong context, jlong call)
{
    (void)env, (void)calls;
    prepare(context, call, 0, 0);
    MQHOST_PLUGIN_CODE(FN(void (*)(MQ_Context *), fn)(PTR(MQ_Context, context)));
}

JNIEXPORT jboolean JNICALL Java_dev_mqkit_runtime_host_HookCalls_connection(
    JNIEnv *env, jclass calls, jlong fn, jlong context, jlong call, jlong connection, jint plugin)
{
    (void)env, (void)calls;
    view_t view = prepare(context, call, connection, plugin);
    HOOK_CALL(FN(bool (*)(MQ_Context *, view_t), fn)(PTR(MQ_Context, context), view));
}

JNIEXPORT jboolean JNICALL Java_dev_mqkit_runtime_host_HookCalls_text(
    JNIEnv *env, jclass calls, jlong fn, jlong context, jlong call, jlong connection, jint plugin,
    jlong text, jlong size)
{
    (void)env, (void)calls;
    view_t view = prepare(context, call, connection, plugin);
    HOOK_CALL(FN(bool (*)(MQ_Context *, view_t, const char *, size_t), fn)(
        PTR(MQ_Context, context), view, PTR(const char, text), (size_t)size));
}

JNIEXPORT jboolean JNICALL Java_dev_mqkit_runtime_host_HookCalls_credentials(
    JNIEnv *env, jclass calls, jlong fn, jlong context, jlong call, jlong connection, jint plugin,
    jlong login, jlong loginsize, jlong passwd, jlong passwdsize)
{
    (void)env, (void)calls;
    view_t view = prepare(context, call, connection, plugin);
    HOOK_CALL(FN(bool (*)(MQ_Context *, view_t, const char *, size_t, const char *, size_t), fn)(
        PTR(MQ_Context, context), view,
        PTR(const char, login), (size_t)loginsize, PTR(const char, passwd), (size_t)passwdsize));
}

JNIEXPORT jboolean JNICALL Java_dev_mqkit_runtime_host_HookCalls_object(
    JNIEnv *env, jclass calls, jlong fn, jlong context, jlong call, jlong connection, jint plugin,
    jlong object)
{
    (void)env, (void)calls;
    view_t view = prepare(context, call, connection, plugin);
    HOOK_CALL(FN(bool (*)(MQ_Context *, view_t, void *), fn)(PTR(MQ_Context, context), view, PTR(void, object)));
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

int64_t mqhost_address_new(int64_t text, int64_t size)
{
    struct mqhost_address *address = malloc(sizeof *address);
    if (address == NULL) return 0;
    address->email = size > 0 ? PTR(const char, text) : NULL;
    return (int64_t)(intptr_t)address;
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

struct ev_loop *MQ_ev(MQ_Context *context)
{
    REQUIRE(context, "MQ_ev", NULL);
    mqhost_report(context->host, context->plugin, MQHOST_WARNING,
                  "MQ_ev: the embedded runtime runs on Netty, not libev, and returns NULL; "
                  "use the I/O watch and timer functions of mailerq.h, which behave the same in MailerQ");
    return NULL;
}

/* ------------------------------------------------------------------------ */
/* The event loop                                                           */
/* ------------------------------------------------------------------------ */

MQ_IOWatcher *mqhost_watch(const char *function, MQ_Context *context, int fd, int events,
                           void (*callback)(MQ_IOWatcher *watcher, int fd, int events, void *data), void *data)
{
    MQ_IOWatcher *watcher;
    REQUIRE(context, function, NULL);
    REQUIRE(callback, function, NULL);
    if (fd < 0 || (events & (MQ_READ | MQ_WRITE)) == 0) {
        mqhost_report(context->host, context->plugin, MQHOST_ERROR,
                      "%s(fd %d, events %d): needs a valid descriptor and MQ_READ and/or MQ_WRITE",
                      function, fd, events);
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

void mqhost_unwatch(const char *function, MQ_IOWatcher *watcher)
{
    int live = LIVE;
    REQUIRE(watcher, function, );
    if (!atomic_compare_exchange_strong(&watcher->state, &live, STOPPED)) {
        mqhost_report(watcher->host, watcher->plugin, MQHOST_ERROR,
                      "%s on a watcher of fd %d that was already unwatched; ignored", function, watcher->fd);
        return;
    }
    MQHOST_JAVA_CODE(java_unwatch(watcher->host, watcher->worker, watcher));
    retire(watcher);
}

int32_t mqhost_watcher_fire(int64_t address, int32_t events)
{
    MQ_IOWatcher *watcher = PTR(MQ_IOWatcher, address);
    if (atomic_load(&watcher->state) != LIVE) return 0;
    MQHOST_PLUGIN_CODE_AS("an I/O watch callback", watcher->callback(watcher, watcher->fd, events & watcher->events, watcher->data));
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

MQ_Timer *mqhost_timer_start(const char *function, MQ_Context *context, float timeout,
                             void (*callback)(void *data), void *data)
{
    MQ_Timer *timer;
    REQUIRE(context, function, NULL);
    REQUIRE(callback, function, NULL);
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

void mqhost_timer_stop(const char *function, MQ_Timer *timer)
{
    int state = LIVE;
    REQUIRE(timer, function, );
    if (!atomic_compare_exchange_strong(&timer->state, &state, STOPPED)) {
        mqhost_report(timer->host, timer->plugin, MQHOST_ERROR, "%s on a timer that %s; ignored", function,
                      spent(state));
        return;
    }
    MQHOST_JAVA_CODE(java_timer_stop(timer->host, timer->worker, timer->plugin, timer, 0.0f));
    retire(timer);
}

void mqhost_timer_reset(const char *function, MQ_Timer *timer, float timeout)
{
    int state;
    REQUIRE(timer, function, );
    state = atomic_load(&timer->state);
    if (state != LIVE) {
        mqhost_report(timer->host, timer->plugin, MQHOST_ERROR, "%s on a timer that %s; ignored", function,
                      spent(state));
        return;
    }
    MQHOST_JAVA_CODE(java_timer_reset(timer->host, timer->worker, timer->plugin, timer, timeout));
}

void mqhost_timer_fire(int64_t address)
{
    MQ_Timer *timer = PTR(MQ_Timer, address);
    int live = LIVE;
    if (!atomic_compare_exchange_strong(&timer->state, &live, FIRED)) return;
    MQHOST_PLUGIN_CODE_AS("a timer callback", timer->callback(timer->data));
    retire(timer);
}

/* ------------------------------------------------------------------------ */
/* Connections                                                              */
/* ------------------------------------------------------------------------ */

int64_t mqhost_connection_new(int32_t host, int32_t worker, int64_t id, int32_t fd, int32_t plugins)
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
    connection->worker = worker;
    connection->fd = fd;
    connection->plugins = plugins;
    for (int32_t i = 0; i < plugins; i++) {
        connection->views[i].shared = connection;
        connection->views[i].plugin = i;
    }
    return (int64_t)(intptr_t)connection;
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

size_t mqhost_send(const char *function, struct mqhost_view *view, const void *buffer, size_t size)
{
    int64_t sent;
    REQUIRE(view, function, 0);
    if (size == 0) return 0;
    REQUIRE(buffer, function, 0);
    MQHOST_JAVA_CODE(sent = java_send(view->shared->host, view->shared->id, view->plugin, buffer, (int64_t)size));
    return (size_t)sent;
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

int64_t mqhost_message_new(const char *json, int32_t library, int32_t outgoing,
                           const char *envelope, const char *recipient,
                           const char *mime, int64_t mime_size, int32_t local)
{
    MQ_Message *message = calloc(1, sizeof *message);
    if (message == NULL) return 0;
    message->api = &json_libraries[library == MQHOST_FASTJSON ? MQHOST_FASTJSON : MQHOST_JSON_C];
    message->outgoing = outgoing;
    message->local = local;
    message->text = json != NULL ? strdup(json) : NULL;
    if (outgoing) {
        message->envelope = envelope != NULL ? strdup(envelope) : NULL;
        message->recipient = recipient != NULL ? strdup(recipient) : NULL;
        if (mime != NULL) {
            message->mime = copy_text(mime, (size_t)mime_size);
            message->mime_size = message->mime != NULL ? (size_t)mime_size : 0;
        }
    }
    return (int64_t)(intptr_t)message;
}

const char *mqhost_message_json(int64_t address)
{
    MQ_Message *message = PTR(MQ_Message, address);
    return message->json != NULL ? message->api->to_string(message->json, JSON_TO_STRING_PLAIN) : NULL;
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

int32_t mqhost_message_local(int64_t message)
{
    return PTR(MQ_Message, message)->local;
}

void mqhost_message_free(int64_t address)
{
    MQ_Message *message = PTR(MQ_Message, address);
    if (message->json != NULL) message->api->put(message->json);
    free(message->text);
    free(message->envelope);
    free(message->recipient);
    free(message->mime);
    free(message);
}

static const char *const field_names[] = {"envelope", "recipient", "mime"};

const char *mqhost_message_field(MQ_Message *message, enum mqhost_field field)
{
    if (!message->outgoing) return json_string(message, field_names[field]);
    switch (field) {
    case MQHOST_ENVELOPE: return message->envelope;
    case MQHOST_RECIPIENT: return message->recipient;
    default: return message->mime;
    }
}

/* Replaces an outgoing wire value; the JSON keeps the original. */
static void set_wire(char **value, const char *text, size_t size)
{
    char *copy = copy_text(text, size);
    free(*value);
    *value = copy;
}

void mqhost_message_set_field(MQ_Message *message, enum mqhost_field field, const char *text, size_t size)
{
    if (!message->outgoing) {
        json_set_string(message, field_names[field], text, size);
        return;
    }
    switch (field) {
    case MQHOST_ENVELOPE:
        set_wire(&message->envelope, text, size);
        break;
    case MQHOST_RECIPIENT:
        set_wire(&message->recipient, text, size);
        break;
    default:
        set_wire(&message->mime, text, size);
        message->mime_size = message->mime != NULL ? size : 0;
        break;
    }
}
