/* Defines every hook and calls every MQ_ function of the 4.0-5.13 API of
 * mailerq.h (MQ_MAILERQ_VERSION 40000 to 51300); the tests compile it for
 * several releases as C and as C++ with -Werror, so any drift between the
 * header and the API (a renamed function, a changed parameter) breaks the
 * build. */
#include <mailerq.h>

static void on_io(MQ_IOWatcher *watcher, int fd, int events, void *data)
{
    (void)fd;
    (void)data;
    if (events & MQ_READ) MQ_ioUnwatch(watcher);
}

static void on_timer(void *data)
{
    MQ_continue((MQ_Connection *)data);
}

MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }
MQ_EXPORT void mq_initialize(void) {}
MQ_EXPORT void mq_cleanup(void) {}

MQ_EXPORT void mq_context_initialize(MQ_Context *context)
{
    static int slot;
    MQ_setContextData(context, &slot);
    if (MQ_contextData(context) == NULL || MQ_ev(context) != NULL) MQ_setContextData(context, NULL);
}

MQ_EXPORT void mq_context_cleanup(MQ_Context *context)
{
    MQ_setContextData(context, NULL);
}

MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *context, MQ_Connection *connection)
{
    MQ_IOWatcher *watcher = MQ_ioWatch(context, MQ_fileDescriptor(connection),
                                       MQ_READ | MQ_WRITE, on_io, NULL);
    MQ_setConnectionData(connection, watcher);
    return false;
}

MQ_EXPORT bool mq_smtp_in_secure(MQ_Context *context, MQ_Connection *connection)
{
    (void)context;
    return !MQ_secure(connection);
}

MQ_EXPORT bool mq_smtp_in_authenticate(MQ_Context *context, MQ_Connection *connection,
                                       const char *login, size_t loginsize,
                                       const char *passwd, size_t passwdsize)
{
    (void)context;
    (void)login;
    (void)passwd;
    MQ_setAuthenticated(connection, loginsize > 0 && passwdsize > 0 && !MQ_authenticated(connection));
    return false;
}

MQ_EXPORT bool mq_smtp_in_mailfrom(MQ_Context *context, MQ_Connection *connection, MQ_Address *envelope)
{
    const char *email = MQ_email(envelope);
    MQ_Timer *timer = MQ_startTimer(context, 0.5f, on_timer, connection);
    size_t size = 0;
    MQ_resetTimer(timer, 1.0f);
    MQ_stopTimer(timer);
    while (email != NULL && email[size] != '\0') size++;
    return MQ_send(connection, email, size) != size;
}

MQ_EXPORT bool mq_smtp_in_rcptto(MQ_Context *context, MQ_Connection *connection, MQ_Address *address)
{
    (void)context;
    if (MQ_email(address) == NULL) MQ_retry(connection);
    return MQ_email(address) == NULL;
}

MQ_EXPORT bool mq_smtp_in_data(MQ_Context *context, MQ_Connection *connection,
                               const char *mime, size_t size)
{
    (void)context;
    (void)mime;
    if (size == 0) MQ_complete(connection);
    return size == 0;
}

MQ_EXPORT bool mq_smtp_in_message(MQ_Context *context, MQ_Connection *connection, MQ_Message *message)
{
    (void)context;
    (void)connection;
    if (MQ_json(message) == NULL) return false;
    MQ_setEnvelope(message, MQ_email(MQ_envelope(message)), 0);
    MQ_setRecipient(message, MQ_recipient(message), 0);
    MQ_setLocal(message, !MQ_local(message));
#if MQ_MAILERQ_VERSION >= 50605
    MQ_log(MQ_INFO, "message");
    MQ_log(MQ_WARN, "warning");
    MQ_log(MQ_CRIT, "critical");
#endif
    return false;
}

MQ_EXPORT bool mq_smtp_in_close(MQ_Context *context, MQ_Connection *connection)
{
    (void)context;
    MQ_setConnectionData(connection, NULL);
    return MQ_connectionData(connection) != NULL;
}

MQ_EXPORT bool mq_smtp_out_data(MQ_Context *context, MQ_Connection *connection, MQ_Message *message)
{
    const char *mime = MQ_mime(message);
    (void)context;
    (void)connection;
    if (mime != NULL) MQ_setMime(message, mime, 0);
    return false;
}

MQ_EXPORT bool mq_smtp_out_sent(MQ_Context *context, MQ_Connection *connection, MQ_Message *message)
{
    (void)context;
    (void)connection;
    return MQ_recipient(message) == NULL;
}
