/* Defines every hook and calls every MQ_ function of the 2.1/3.x API of
 * mailerq.h (MQ_MAILERQ_VERSION 20100 to 39999); the tests compile it as C and
 * as C++ with -Werror, so any drift between the header and the API (a renamed
 * function, a changed parameter) breaks the build. */
#include <mailerq.h>

static void on_io(MQ_IOWatcher *watcher, int fd, int events, void *data)
{
    (void)fd;
    (void)data;
    if (events & MQ_READ) MQ_IOUnwatch(watcher);
}

static void on_timer(void *data)
{
    MQ_Continue((MQ_Context *)data);
}

MQ_EXPORT int mq_version(void) { return MQ_API_VERSION; }
MQ_EXPORT void mq_initialize(void) {}
MQ_EXPORT void mq_cleanup(void) {}

MQ_EXPORT bool mq_context_initialize(MQ_Context *context)
{
    static int slot;
    MQ_SetContextData(context, &slot);
    return MQ_ContextData(context) != NULL && MQ_ev(context) == NULL;
}

MQ_EXPORT bool mq_context_cleanup(MQ_Context *context)
{
    MQ_SetContextData(context, NULL);
    return false;
}

MQ_EXPORT bool mq_smtp_in_connect(MQ_Context *context, MQ_SmtpConnection *connection)
{
    MQ_IOWatcher *watcher = MQ_IOWatch(context, MQ_SmtpFileDescriptor(connection),
                                       MQ_READ | MQ_WRITE, on_io, NULL);
    MQ_SetSmtpData(connection, watcher);
    return false;
}

MQ_EXPORT bool mq_smtp_in_secure(MQ_Context *context, MQ_SmtpConnection *connection)
{
    (void)context;
    return !MQ_SmtpSecure(connection);
}

MQ_EXPORT bool mq_smtp_in_authenticate(MQ_Context *context, MQ_SmtpConnection *connection,
                                       const char *login, size_t loginsize,
                                       const char *passwd, size_t passwdsize)
{
    (void)context;
    (void)login;
    (void)passwd;
    MQ_SetSmtpAuthenticated(connection, loginsize > 0 && passwdsize > 0 && !MQ_SmtpAuthenticated(connection));
    return false;
}

MQ_EXPORT bool mq_smtp_in_mailfrom(MQ_Context *context, MQ_SmtpConnection *connection,
                                   const char *mailfrom, size_t size)
{
    MQ_Timer *timer = MQ_TimerStart(context, 0.5f, on_timer, context);
    MQ_TimerReset(timer, 1.0f);
    MQ_TimerStop(timer);
    return MQ_SmtpSend(connection, mailfrom, size) != size;
}

MQ_EXPORT bool mq_smtp_in_rcptto(MQ_Context *context, MQ_SmtpConnection *connection,
                                 const char *rcptto, size_t size)
{
    (void)connection;
    (void)rcptto;
    if (size == 0) MQ_Retry(context);
    return size == 0;
}

MQ_EXPORT bool mq_smtp_in_data(MQ_Context *context, MQ_SmtpConnection *connection,
                               const char *mime, size_t size)
{
    (void)connection;
    (void)mime;
    if (size == 0) MQ_Complete(context);
    return size == 0;
}

MQ_EXPORT bool mq_smtp_in_message(MQ_Context *context, MQ_SmtpConnection *connection,
                                  MQ_Message *message)
{
    (void)context;
    (void)connection;
    if (MQ_Json(message) == NULL) return false;
    MQ_SetEnvelope(message, MQ_Envelope(message), 0);
    MQ_SetRecipient(message, MQ_Recipient(message), 0);
    return false;
}

MQ_EXPORT bool mq_smtp_in_close(MQ_Context *context, MQ_SmtpConnection *connection)
{
    (void)context;
    MQ_SetSmtpData(connection, NULL);
    return MQ_SmtpData(connection) != NULL;
}

MQ_EXPORT bool mq_smtp_out_data(MQ_Context *context, MQ_SmtpConnection *connection,
                                MQ_Message *message)
{
    const char *mime = MQ_Mime(message);
    (void)context;
    (void)connection;
    if (mime != NULL) MQ_SetMime(message, mime, 0);
    return false;
}
