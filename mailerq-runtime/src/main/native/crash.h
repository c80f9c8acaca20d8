/**
 * crash.h - libmqhost's report of a crash in plugin code.
 *
 * The JVM names only the innermost native frame of a crash, and it cannot
 * walk a plugin's stack built without frame pointers. libmqhost counts, per
 * thread, whether plugin code is running (a hook, mq_version, mq_initialize,
 * mq_cleanup, a timer or I/O callback), and a handler installed in front of
 * the JVM's own appends the signal and the frames, unwound from the plugin's
 * unwind tables, to the crash log before it hands the signal on to the JVM.
 * Java code that plugins reach through the MQ_ functions runs with the count
 * at zero: the JVM raises SIGSEGV there on purpose (safepoint polls).
 */
#ifndef MQHOST_CRASH_H
#define MQHOST_CRASH_H

#include <stdint.h>

#define MQHOST_API __attribute__((visibility("default")))

/** Above zero while this thread runs plugin code. */
extern __thread int mqhost_in_plugin __attribute__((tls_model("initial-exec")));

/** What plugin code this thread runs ("a hook", "an I/O watch callback"), for the report; NULL when none. */
extern __thread const char *mqhost_plugin_code __attribute__((tls_model("initial-exec")));

/** Runs a statement that enters plugin code: what, e.g. "a timer callback", says which, for the report. */
#define MQHOST_PLUGIN_CODE_AS(what, statement) \
    do { \
        const char *outer_ = mqhost_plugin_code; \
        mqhost_plugin_code = (what); \
        mqhost_in_plugin++; statement; mqhost_in_plugin--; \
        mqhost_plugin_code = outer_; \
    } while (0)

/** Runs a statement that calls a hook (or mq_version, mq_initialize, mq_cleanup). */
#define MQHOST_PLUGIN_CODE(statement) MQHOST_PLUGIN_CODE_AS("a hook", statement)

/** Runs a statement that calls into Java from plugin code. */
#define MQHOST_JAVA_CODE(statement) \
    do { int saved_ = mqhost_in_plugin; mqhost_in_plugin = 0; statement; mqhost_in_plugin = saved_; } while (0)

/**
 * Installs the handler for SIGSEGV, SIGBUS, SIGFPE, SIGILL and SIGABRT in front of the present ones (the
 * JVM's), reporting to the file at path (appended to); 0 on success, -1 with errno set.
 */
MQHOST_API int32_t mqhost_crash_handler_install(const char *path);

#endif
