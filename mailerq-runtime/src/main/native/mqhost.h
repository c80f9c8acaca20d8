/**
 * mqhost.h - the host side of mailerq.h, as the Java runtime drives it.
 *
 * libmqhost defines every MQ_ function a plugin calls, of both API
 * generations (see objects.h for how). Calls that only read
 * or write per-plugin state (context data, connection data, flags, message
 * fields) are answered here; calls that need the event loop or the network
 * are forwarded to Java through the callbacks installed with
 * mqhost_install(). Java reaches the plugins' hooks through the trampolines of
 * HookCalls, so every crossing between the two worlds is in this library.
 *
 * Pointers cross into Java as 64-bit integers: the runtime supports 64-bit
 * Linux only.
 */
#ifndef MQHOST_H
#define MQHOST_H

#include <stdint.h>

/* The library is built with hidden visibility; the MQ_ functions it defines
 * are what plugins link against, so their declarations are made public. A
 * file that defines one generation's functions sets MQ_MAILERQ_VERSION
 * before it includes this header. */
#pragma GCC visibility push(default)
#include <mailerq.h>
#pragma GCC visibility pop

#define MQHOST_API __attribute__((visibility("default")))

/** How a plugin handed control back. */
enum mqhost_handback { MQHOST_CONTINUE = 0, MQHOST_COMPLETE = 1, MQHOST_RETRY = 2 };

/** Severity of a message the library reports through the log callback. */
enum mqhost_level { MQHOST_WARNING = 1, MQHOST_ERROR = 2 };

/** The Java side: one function per MQ_ call that needs the runtime. */
typedef void (*mqhost_handback_fn)(int32_t host, int32_t worker, int32_t plugin, int64_t call, int32_t how);
typedef int64_t (*mqhost_send_fn)(int32_t host, int64_t connection, int32_t plugin, const void *buffer, int64_t size);
typedef void (*mqhost_watch_fn)(int32_t host, int32_t worker, int32_t plugin, MQ_IOWatcher *watcher, int32_t fd, int32_t events);
typedef void (*mqhost_unwatch_fn)(int32_t host, int32_t worker, MQ_IOWatcher *watcher);
typedef void (*mqhost_timer_fn)(int32_t host, int32_t worker, int32_t plugin, MQ_Timer *timer, float timeout);
typedef void (*mqhost_log_fn)(int32_t host, int32_t plugin, int32_t level, const char *message);
/* MQ_log: base is the load address of the object that called it, file its path (NULL: unknown). */
typedef void (*mqhost_plugin_log_fn)(int64_t base, const char *file, int32_t priority, const char *message);

/** Installs the Java callbacks; called once per process before any plugin is loaded. */
MQHOST_API void mqhost_install(mqhost_handback_fn handback, mqhost_send_fn send,
                               mqhost_watch_fn watch, mqhost_unwatch_fn unwatch,
                               mqhost_timer_fn timer_start, mqhost_timer_fn timer_stop,
                               mqhost_timer_fn timer_reset, mqhost_log_fn log,
                               mqhost_plugin_log_fn plugin_log);

/** The JSON library MQ_json's objects belong to: json-c until 4.4, libfastjson from 5.0. */
enum mqhost_json_library { MQHOST_JSON_C = 0, MQHOST_FASTJSON = 1 };

/**
 * Loads a JSON library with global symbol visibility, as MailerQ links it, so that plugins may
 * call it without linking it; returns 1 when it is there (loaded once per process).
 */
MQHOST_API int32_t mqhost_json_load(int32_t library);

/** Opens a plugin with RTLD_NOW | RTLD_LOCAL; on failure returns 0 and writes dlerror() to error. */
MQHOST_API int64_t mqhost_plugin_open(const char *path, char *error, int32_t size);

/** The address of a plugin's symbol, or 0 when it does not define it. */
MQHOST_API int64_t mqhost_plugin_symbol(int64_t handle, const char *name);

/** The load address of the object that holds the code at address, as MQ_log reports its caller. */
MQHOST_API int64_t mqhost_object_base(int64_t address);

/** Allocates one zeroed slot per plugin for a worker's context data. */
MQHOST_API int64_t mqhost_slots_new(int32_t plugins);

/** A context for one plugin on one worker; data is that plugin's slot. */
MQHOST_API int64_t mqhost_context_new(int32_t host, int32_t worker, int32_t plugin, int64_t data);

/** A connection served by a worker, with one view per plugin, so each plugin has its own connection data. */
MQHOST_API int64_t mqhost_connection_new(int32_t host, int32_t worker, int64_t id, int32_t fd, int32_t plugins);

MQHOST_API void mqhost_connection_set_secure(int64_t connection, int32_t secure);
MQHOST_API int32_t mqhost_connection_authenticated(int64_t connection);
MQHOST_API void mqhost_connection_set_authenticated(int64_t connection, int32_t authenticated);
MQHOST_API void mqhost_connection_free(int64_t connection);

/**
 * A message around JSON text (parsed on first use with library); outgoing ones carry wire values
 * apart from the JSON (mime: NULL until a plugin sets one), incoming ones whether they are local.
 */
MQHOST_API int64_t mqhost_message_new(const char *json, int32_t library, int32_t outgoing,
                                      const char *envelope, const char *recipient,
                                      const char *mime, int64_t mime_size, int32_t local);

/** The JSON as text if a plugin touched it (NULL if untouched); valid until the next call on the message. */
MQHOST_API const char *mqhost_message_json(int64_t message);

/** The outgoing envelope or recipient as the plugins left them. */
MQHOST_API const char *mqhost_message_envelope(int64_t message);
MQHOST_API const char *mqhost_message_recipient(int64_t message);

/** The outgoing MIME a plugin set, or NULL; its size is written to size. */
MQHOST_API const char *mqhost_message_mime(int64_t message, int64_t *size);

/** Whether an incoming message goes to the local queue (MQ_setLocal). */
MQHOST_API int32_t mqhost_message_local(int64_t message);

MQHOST_API void mqhost_message_free(int64_t message);

/** Copies bytes into malloc'ed memory (NUL-terminated) for a hook's arguments. */
MQHOST_API int64_t mqhost_copy(const void *bytes, int64_t size);
MQHOST_API void mqhost_free(int64_t pointer);

/** An MQ_Address (4.0+) for a NUL-terminated text of size bytes that outlives it; free with mqhost_free. */
MQHOST_API int64_t mqhost_address_new(int64_t text, int64_t size);

/** Calls a plugin's mq_version at address fn. */
MQHOST_API int32_t mqhost_call_version(int64_t fn);

/** Calls a plugin's mq_initialize or mq_cleanup at address fn. */
MQHOST_API void mqhost_call_void(int64_t fn);

/**
 * Runs LeakSanitizer's check now, when the process runs with a sanitizer runtime that has one
 * (preloaded for a sanitized exercise); its report goes to stderr. Returns 1 when it found leaks,
 * 0 when not, -1 without LeakSanitizer.
 */
MQHOST_API int32_t mqhost_leak_check(void);

/*
 * The hooks are called through JNI trampolines, one crossing from Java per
 * hook call, declared by the header javac writes for
 * dev.mqkit.runtime.host.HookCalls: each first marks the context, and
 * plugin number plugin's view of the connection (0: none), with the call
 * they are handed to, the token of a hand-back in either generation.
 */

/** Runs a watcher's callback with the events that are ready; returns 0 if the watcher was unwatched meanwhile. */
MQHOST_API int32_t mqhost_watcher_fire(int64_t watcher, int32_t events);
MQHOST_API int32_t mqhost_watcher_fd(int64_t watcher);
MQHOST_API int32_t mqhost_watcher_events(int64_t watcher);

/** Runs a timer's callback once; the timer is spent afterwards. */
MQHOST_API void mqhost_timer_fire(int64_t timer);

#endif /* MQHOST_H */
