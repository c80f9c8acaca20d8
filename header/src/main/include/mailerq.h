/**
 * mailerq.h - the MailerQ plugin API, both generations, one release at a time.
 *
 * MQ_MAILERQ_VERSION selects the MailerQ release a plugin targets, as
 * major * 10000 + minor * 100 (+ patch): 30000 for 3.0, 50605 for 5.6.5,
 * 51300 for 5.13. It defaults to 51300. The Maven build passes it from the
 * project's mailerqVersion; by hand: gcc -DMQ_MAILERQ_VERSION=30000 ...
 *
 *  - 2.1 and 3.x (20100 to 39999): the "SmtpConnection" generation:
 *    MQ_SmtpConnection, bool context hooks, hand-back with
 *    MQ_Continue(context), MAIL FROM and RCPT TO as (const char *, size_t).
 *  - 4.0 to 5.13 (40000 to 51300): the "Connection" generation:
 *    MQ_Connection, void context hooks, hand-back with
 *    MQ_continue(connection), MQ_Address for MAIL FROM and RCPT TO,
 *    mq_smtp_out_sent; MQ_json is json-c until 4.4 and libfastjson from 5.0;
 *    MQ_log from 5.6.5.
 *
 * Only the selected release's declarations are visible. A hook defined with
 * the other generation's signature does not compile, and the compiler names
 * the hook; a type of the other generation is declared only to say so.
 *
 * A plugin is a shared object that exports some of the mq_* hooks below; the
 * host calls them and offers the MQ_* functions in return. Compile plugins
 * with -fPIC -fvisibility=hidden and mark every hook with MQ_EXPORT, so that
 * only the hooks are visible in the plugin's dynamic symbol table.
 *
 * Every bool hook returns false when the plugin is done (the host goes on
 * with the next plugin) or true when it takes control; it must then hand
 * control back exactly once (3.x: with MQ_Continue, MQ_Complete or MQ_Retry
 * on the context it was given; 4.0+: with MQ_continue, MQ_complete or
 * MQ_retry on the connection it was given), on the worker thread.
 */
#ifndef MAILERQ_H
#define MAILERQ_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#else
#include <stdbool.h>
#endif

#ifndef MQ_MAILERQ_VERSION
#define MQ_MAILERQ_VERSION 51300
#endif

#if MQ_MAILERQ_VERSION < 20100 || MQ_MAILERQ_VERSION > 51300
#error "MQ_MAILERQ_VERSION names no MailerQ release this header knows: use 20100 (2.1) to 51300 (5.13), e.g. 30000 for 3.0"
#endif

/**
 * MQ_API_VERSION, per release: mq_version() must return it, and the host
 * refuses a plugin that returns anything else. No MailerQ page documents its
 * value for any release; these values are this toolkit's, one per API
 * change. A project that has the real mailerq.h of its MailerQ points the
 * build at that file instead. The toolkit's plugin API model (plugin-api.json
 * in mailerq-api) lists the same hooks, functions and values per release, and
 * its tests compile this header for every release to compare the two.
 *
 *   release        MQ_API_VERSION   what changed
 *   2.1 - 3.x      1                the SmtpConnection generation
 *   4.0 - 4.4      2                the Connection generation, json-c
 *   5.0 - 5.6      3                MQ_json returns libfastjson
 *   5.6.5 - 5.13   4                MQ_log
 */
#if MQ_MAILERQ_VERSION >= 50605
#define MQ_API_VERSION 4
#elif MQ_MAILERQ_VERSION >= 50000
#define MQ_API_VERSION 3
#elif MQ_MAILERQ_VERSION >= 40000
#define MQ_API_VERSION 2
#else
#define MQ_API_VERSION 1
#endif

/** Bit for the I/O watch function: the descriptor is readable. */
#define MQ_READ 1

/** Bit for the I/O watch function: the descriptor is writable. */
#define MQ_WRITE 2

/* Marks a function as part of the plugin's interface: C linkage and default
 * visibility, whatever -fvisibility the plugin is compiled with. */
#ifdef __cplusplus
#define MQ_LINKAGE extern "C"
#else
#define MQ_LINKAGE
#endif
#if defined(__GNUC__) || defined(__clang__)
#define MQ_EXPORT MQ_LINKAGE __attribute__((visibility("default")))
#define MQ_OTHER_GENERATION(message) __attribute__((deprecated(message)))
#else
#define MQ_EXPORT MQ_LINKAGE
#define MQ_OTHER_GENERATION(message)
#endif

/** A worker thread's context. */
typedef struct MQ_Context MQ_Context;

/** A message: a wrapper around its JSON. */
typedef struct MQ_Message MQ_Message;

/** A file descriptor registered with a worker's event loop. */
typedef struct MQ_IOWatcher MQ_IOWatcher;

/** A one-shot timer on a worker's event loop. */
typedef struct MQ_Timer MQ_Timer;

/* Defined by libev; plugins that use it include its header. */
struct ev_loop;

/* ------------------------------------------------------------------------ */
/* Hooks and functions of every release                                     */
/* ------------------------------------------------------------------------ */

/** Required: returns MQ_API_VERSION, the version the plugin was built for. */
int mq_version(void);

/** Called once, after all plugins were loaded and accepted. */
void mq_initialize(void);

/** Called once, right before the host stops. */
void mq_cleanup(void);

/** The worker's libev loop, for plugins that drive libev themselves. */
struct ev_loop *MQ_ev(MQ_Context *context);

#if MQ_MAILERQ_VERSION < 40000
/* ======================================================================== */
/* MailerQ 2.1 and 3.x: the SmtpConnection generation                       */
/* ======================================================================== */

/** An incoming or outgoing SMTP connection. */
typedef struct MQ_SmtpConnection MQ_SmtpConnection;

/* The 4.0+ names, declared only so that a 4.0+ plugin's error says what it is. */
typedef struct MQ_Connection MQ_Connection
    MQ_OTHER_GENERATION("MQ_Connection is the MailerQ 4.0+ API, and this build targets 2.1/3.x (MQ_MAILERQ_VERSION < 40000): use MQ_SmtpConnection, or build for 4.0 or later (mailerqVersion 5.13)");
typedef struct MQ_Address MQ_Address
    MQ_OTHER_GENERATION("MQ_Address is the MailerQ 4.0+ API, and this build targets 2.1/3.x (MQ_MAILERQ_VERSION < 40000): MAIL FROM and RCPT TO come as (const char *, size_t) here, or build for 4.0 or later (mailerqVersion 5.13)");

/* Defined by json-c; plugins that use it include its header. */
struct json_object;

/* ------------------------------------------------------------------------ */
/* Hooks a plugin may export                                                */
/* ------------------------------------------------------------------------ */

/** Called on a worker thread after it started, before it serves anything. */
bool mq_context_initialize(MQ_Context *context);

/** Called on a worker thread right before it stops. */
bool mq_context_cleanup(MQ_Context *context);

/** Called right after an incoming TCP connection was accepted. */
bool mq_smtp_in_connect(MQ_Context *context, MQ_SmtpConnection *connection);

/** Called after an incoming connection became secure (STARTTLS or TLS port). */
bool mq_smtp_in_secure(MQ_Context *context, MQ_SmtpConnection *connection);

/** Called after the client sent credentials; decide with MQ_SetSmtpAuthenticated(). */
bool mq_smtp_in_authenticate(MQ_Context *context, MQ_SmtpConnection *connection,
                             const char *login, size_t loginsize,
                             const char *passwd, size_t passwdsize);

/** Called after each MAIL FROM, with the address. */
bool mq_smtp_in_mailfrom(MQ_Context *context, MQ_SmtpConnection *connection,
                         const char *mailfrom, size_t size);

/** Called after each RCPT TO, with the address. */
bool mq_smtp_in_rcptto(MQ_Context *context, MQ_SmtpConnection *connection,
                       const char *rcptto, size_t size);

/** Called after the whole MIME body of a DATA command was received. */
bool mq_smtp_in_data(MQ_Context *context, MQ_SmtpConnection *connection,
                     const char *mime, size_t size);

/** Called once per recipient with the JSON message that will be published. */
bool mq_smtp_in_message(MQ_Context *context, MQ_SmtpConnection *connection,
                        MQ_Message *message);

/** Called after an incoming connection closed: free per-connection data here. */
bool mq_smtp_in_close(MQ_Context *context, MQ_SmtpConnection *connection);

/** Called on an outgoing connection after DATA was accepted, before the MIME is sent. */
bool mq_smtp_out_data(MQ_Context *context, MQ_SmtpConnection *connection,
                      MQ_Message *message);

/* ------------------------------------------------------------------------ */
/* Functions the host offers                                                */
/* ------------------------------------------------------------------------ */

/** Hands control back: the host goes on with the next plugin. */
void MQ_Continue(MQ_Context *context);

/** Hands control back: the host skips the remaining plugins for this hook. */
void MQ_Complete(MQ_Context *context);

/** Hands control back: the host runs this hook again from the first plugin. */
void MQ_Retry(MQ_Context *context);

/** This plugin's data for the context's worker thread (NULL until set). */
void *MQ_ContextData(MQ_Context *context);

/** Sets this plugin's data for the context's worker thread. */
void MQ_SetContextData(MQ_Context *context, void *value);

/** Calls callback on the worker thread when fd is ready for events (MQ_READ | MQ_WRITE). */
MQ_IOWatcher *MQ_IOWatch(MQ_Context *context, int fd, int events,
                         void (*callback)(MQ_IOWatcher *watcher, int fd, int events, void *data),
                         void *data);

/** Stops a watcher and frees it; legal inside its own callback. */
void MQ_IOUnwatch(MQ_IOWatcher *watcher);

/** Calls callback once, on the worker thread, after timeout seconds. */
MQ_Timer *MQ_TimerStart(MQ_Context *context, float timeout,
                        void (*callback)(void *data), void *data);

/** Cancels a timer that has not fired yet. */
void MQ_TimerStop(MQ_Timer *timer);

/** Re-arms a timer that has not fired yet to timeout seconds from now. */
void MQ_TimerReset(MQ_Timer *timer, float timeout);

/** The connection's TCP socket, for getpeername()/getsockname() only. */
int MQ_SmtpFileDescriptor(MQ_SmtpConnection *connection);

/** Writes raw bytes to the peer through the host's buffering; returns the bytes accepted. */
size_t MQ_SmtpSend(MQ_SmtpConnection *connection, const void *buffer, size_t size);

/** Whether TLS is active on the connection. */
bool MQ_SmtpSecure(MQ_SmtpConnection *connection);

/** The current authentication verdict (false until a plugin sets it). */
bool MQ_SmtpAuthenticated(MQ_SmtpConnection *connection);

/** Sets the authentication verdict. */
void MQ_SetSmtpAuthenticated(MQ_SmtpConnection *connection, bool authenticated);

/** This plugin's data for the connection (NULL until set). */
void *MQ_SmtpData(MQ_SmtpConnection *connection);

/** Sets this plugin's data for the connection; the host never touches it. */
void MQ_SetSmtpData(MQ_SmtpConnection *connection, void *data);

/** The message's JSON as a json-c object; changes to it are kept. */
struct json_object *MQ_Json(MQ_Message *message);

/** The envelope address (MAIL FROM), or NULL when unset. */
const char *MQ_Envelope(MQ_Message *message);

/** The recipient address (RCPT TO), or NULL when unset. */
const char *MQ_Recipient(MQ_Message *message);

/** The MIME data, or NULL when unset. */
const char *MQ_Mime(MQ_Message *message);

/** Sets the envelope address. */
void MQ_SetEnvelope(MQ_Message *message, const char *envelope, size_t size);

/** Sets the recipient address. */
void MQ_SetRecipient(MQ_Message *message, const char *recipient, size_t size);

/** Sets the MIME data. */
void MQ_SetMime(MQ_Message *message, const char *mime, size_t size);

#else
/* ======================================================================== */
/* MailerQ 4.0 to 5.13: the Connection generation                           */
/* ======================================================================== */

/** An incoming or outgoing SMTP connection; the token of a suspended call. */
typedef struct MQ_Connection MQ_Connection;

/** An envelope address: the MAIL FROM or a RCPT TO of a connection, or a message's envelope. */
typedef struct MQ_Address MQ_Address;

/** Undocumented: the type MQ_envelope's own page prints; it is an MQ_Address. */
typedef MQ_Address MQ_Envelope;

/* The 2.1/3.x name, declared only so that a 3.x plugin's error says what it is. */
typedef struct MQ_SmtpConnection MQ_SmtpConnection
    MQ_OTHER_GENERATION("MQ_SmtpConnection is the MailerQ 2.1/3.x API, and this build targets 4.0+ (MQ_MAILERQ_VERSION >= 40000): use MQ_Connection and the 4.0 hook signatures, or build for 3.0 (mailerqVersion 3.0)");

#if MQ_MAILERQ_VERSION >= 50000
/* Defined by libfastjson (5.0+); plugins that use it include its header. */
struct fjson_object;
#else
/* Defined by json-c (4.x); plugins that use it include its header. */
struct json_object;
#endif

#if MQ_MAILERQ_VERSION >= 50605
/** Priority for MQ_log: critical. */
#define MQ_CRIT 1
/** Priority for MQ_log: warning. */
#define MQ_WARN 2
/** Priority for MQ_log: information. */
#define MQ_INFO 3
#endif

/* ------------------------------------------------------------------------ */
/* Hooks a plugin may export                                                */
/* ------------------------------------------------------------------------ */

/** Called on a worker thread after it started; may block; the worker serves once every plugin returned. */
void mq_context_initialize(MQ_Context *context);

/** Called on a worker thread right before it stops; may block. */
void mq_context_cleanup(MQ_Context *context);

/** Called right after an incoming TCP connection was accepted. */
bool mq_smtp_in_connect(MQ_Context *context, MQ_Connection *connection);

/** Called after an incoming connection became secure. */
bool mq_smtp_in_secure(MQ_Context *context, MQ_Connection *connection);

/** Called after the client sent credentials; decide with MQ_setAuthenticated(). */
bool mq_smtp_in_authenticate(MQ_Context *context, MQ_Connection *connection,
                             const char *login, size_t loginsize,
                             const char *passwd, size_t passwdsize);

/** Called after each MAIL FROM, with the address. */
bool mq_smtp_in_mailfrom(MQ_Context *context, MQ_Connection *connection, MQ_Address *envelope);

/** Called after each RCPT TO, with the address. */
bool mq_smtp_in_rcptto(MQ_Context *context, MQ_Connection *connection, MQ_Address *address);

/** Called after the whole MIME body of a DATA command was received. */
bool mq_smtp_in_data(MQ_Context *context, MQ_Connection *connection,
                     const char *mime, size_t size);

/** Called once per recipient with the JSON message that will be published. */
bool mq_smtp_in_message(MQ_Context *context, MQ_Connection *connection, MQ_Message *message);

/** Called after an incoming connection closed: free per-connection data here. */
bool mq_smtp_in_close(MQ_Context *context, MQ_Connection *connection);

/** Called on an outgoing connection right after DATA was sent, before the MIME: set the MIME here. */
bool mq_smtp_out_data(MQ_Context *context, MQ_Connection *connection, MQ_Message *message);

/** Called on an outgoing connection after all MIME was sent, before the reply to it is read. */
bool mq_smtp_out_sent(MQ_Context *context, MQ_Connection *connection, MQ_Message *message);

/* ------------------------------------------------------------------------ */
/* Functions the host offers                                                */
/* ------------------------------------------------------------------------ */

/** Hands control back: the host goes on with the next plugin. */
void MQ_continue(MQ_Connection *connection);

/** Hands control back: the host skips the remaining plugins for this hook. */
void MQ_complete(MQ_Connection *connection);

/** Hands control back: the host runs this hook again from the first plugin. */
void MQ_retry(MQ_Connection *connection);

/** This plugin's data for the context's worker thread (NULL until set). */
void *MQ_contextData(MQ_Context *context);

/** Sets this plugin's data for the context's worker thread. */
void MQ_setContextData(MQ_Context *context, void *value);

/** Calls callback on the worker thread when fd is ready for events (MQ_READ | MQ_WRITE). */
MQ_IOWatcher *MQ_ioWatch(MQ_Context *context, int fd, int events,
                         void (*callback)(MQ_IOWatcher *watcher, int fd, int events, void *data),
                         void *data);

/** Stops a watcher and frees it; legal inside its own callback. */
void MQ_ioUnwatch(MQ_IOWatcher *watcher);

/** Calls callback once, on the worker thread, after timeout seconds. */
MQ_Timer *MQ_startTimer(MQ_Context *context, float timeout,
                        void (*callback)(void *data), void *data);

/** Cancels a timer that has not fired yet. */
void MQ_stopTimer(MQ_Timer *timer);

/** Re-arms a timer that has not fired yet to timeout seconds from now. */
void MQ_resetTimer(MQ_Timer *timer, float timeout);

/** The connection's TCP socket, for getpeername()/getsockname() only. */
int MQ_fileDescriptor(MQ_Connection *connection);

/** Writes raw bytes to the peer through the host's buffering; returns the bytes sent. */
size_t MQ_send(MQ_Connection *connection, const void *buffer, size_t size);

/** Whether the connection is past STARTTLS. */
bool MQ_secure(MQ_Connection *connection);

/** Whether the connection is authenticated (valid credentials or a plugin's verdict). */
bool MQ_authenticated(MQ_Connection *connection);

/** Sets the authentication verdict; false after an earlier true rejects the login. */
void MQ_setAuthenticated(MQ_Connection *connection, bool authenticated);

/** This plugin's data for the connection (NULL until set). */
void *MQ_connectionData(MQ_Connection *connection);

/** Sets this plugin's data for the connection; free it by mq_smtp_in_close. */
void MQ_setConnectionData(MQ_Connection *connection, void *data);

#if MQ_MAILERQ_VERSION >= 50000
/** The message's JSON as a libfastjson object; changes to it are kept. */
struct fjson_object *MQ_json(MQ_Message *message);
#else
/** The message's JSON as a json-c object; changes to it are kept. */
struct json_object *MQ_json(MQ_Message *message);
#endif

/** The envelope address (MAIL FROM), or NULL when unset. */
MQ_Address *MQ_envelope(MQ_Message *message);

/** The recipient address (RCPT TO), or NULL when unset. */
const char *MQ_recipient(MQ_Message *message);

/** The MIME data, or NULL when unset. */
const char *MQ_mime(MQ_Message *message);

/** Sets the envelope address. */
void MQ_setEnvelope(MQ_Message *message, const char *envelope, size_t size);

/** Sets the recipient address. */
void MQ_setRecipient(MQ_Message *message, const char *recipient, size_t size);

/** Sets the MIME data. */
void MQ_setMime(MQ_Message *message, const char *mime, size_t size);

/** Whether the message goes to the local queue instead of the inbox (incoming only). */
bool MQ_local(MQ_Message *message);

/** Sends the message to the local queue instead of the inbox (incoming only). */
void MQ_setLocal(MQ_Message *message, bool local);

/** The address as a NUL-terminated string, or NULL when there is none (DSNs); do not free it. */
const char *MQ_email(MQ_Address *address);

#if MQ_MAILERQ_VERSION >= 50605
/** Writes message to MailerQ's application log at priority MQ_CRIT, MQ_WARN or MQ_INFO; safe from any thread. */
void MQ_log(int priority, const char *message);
#endif

#endif /* MQ_MAILERQ_VERSION */

#ifdef __cplusplus
}
#endif

#endif /* MAILERQ_H */
