/**
 * mailerq.h - the MailerQ plugin API (the "SmtpConnection" generation of
 * MailerQ 2.1+ and 3.x).
 *
 * A plugin is a shared object that exports some of the mq_* hooks below; the
 * host calls them and offers the MQ_* functions in return. Compile plugins
 * with -fPIC -fvisibility=hidden and mark every hook with MQ_EXPORT, so that
 * only the hooks are visible in the plugin's dynamic symbol table.
 *
 * Every bool hook returns false when the plugin is done (the host goes on
 * with the next plugin) or true when it takes control; it must then hand
 * control back exactly once with MQ_Continue, MQ_Complete or MQ_Retry, on
 * the worker thread of the context it was given.
 */
#ifndef MAILERQ_H
#define MAILERQ_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#else
#include <stdbool.h>
#endif

/**
 * The version of this API. mq_version() must return it; the host refuses to
 * start with a plugin that returns anything else.
 */
#define MQ_API_VERSION 1

/** Bit for MQ_IOWatch(): the descriptor is readable. */
#define MQ_READ 1

/** Bit for MQ_IOWatch(): the descriptor is writable. */
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
#else
#define MQ_EXPORT MQ_LINKAGE
#endif

/** A worker thread's context, as handed to one hook call. */
typedef struct MQ_Context MQ_Context;

/** An incoming or outgoing SMTP connection. */
typedef struct MQ_SmtpConnection MQ_SmtpConnection;

/** A message: a wrapper around its JSON. */
typedef struct MQ_Message MQ_Message;

/** A file descriptor registered with a worker's event loop. */
typedef struct MQ_IOWatcher MQ_IOWatcher;

/** A one-shot timer on a worker's event loop. */
typedef struct MQ_Timer MQ_Timer;

/* Defined by json-c and libev; plugins that use them include their headers. */
struct json_object;
struct ev_loop;

/* ------------------------------------------------------------------------ */
/* Hooks a plugin may export                                                */
/* ------------------------------------------------------------------------ */

/** Required: returns MQ_API_VERSION, the version the plugin was built for. */
int mq_version(void);

/** Called once, after all plugins were loaded and accepted. */
void mq_initialize(void);

/** Called once, right before the host stops. */
void mq_cleanup(void);

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

/** The worker's libev loop, for plugins that drive libev themselves. */
struct ev_loop *MQ_ev(MQ_Context *context);

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

#ifdef __cplusplus
}
#endif

#endif /* MAILERQ_H */
