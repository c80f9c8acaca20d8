/**
 * smtpconnection_api.c - the MQ_ functions of the MailerQ 2.1/3.x plugin API
 * (the SmtpConnection generation): a plugin hands control back with its
 * context, which the host marks with each call it hands it to.
 */
#define MQ_MAILERQ_VERSION 30000
#include "objects.h"

#define VIEW(connection) ((struct mqhost_view *)(connection))

static void hand_back(MQ_Context *context, int how)
{
    mqhost_hand_back(context->host, context->worker, context->plugin, context->call, how);
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

MQ_IOWatcher *MQ_IOWatch(MQ_Context *context, int fd, int events,
                         void (*callback)(MQ_IOWatcher *watcher, int fd, int events, void *data),
                         void *data)
{
    return mqhost_watch("MQ_IOWatch", context, fd, events, callback, data);
}

void MQ_IOUnwatch(MQ_IOWatcher *watcher)
{
    mqhost_unwatch("MQ_IOUnwatch", watcher);
}

MQ_Timer *MQ_TimerStart(MQ_Context *context, float timeout, void (*callback)(void *data), void *data)
{
    return mqhost_timer_start("MQ_TimerStart", context, timeout, callback, data);
}

void MQ_TimerStop(MQ_Timer *timer)
{
    mqhost_timer_stop("MQ_TimerStop", timer);
}

void MQ_TimerReset(MQ_Timer *timer, float timeout)
{
    mqhost_timer_reset("MQ_TimerReset", timer, timeout);
}

int MQ_SmtpFileDescriptor(MQ_SmtpConnection *connection)
{
    REQUIRE(connection, "MQ_SmtpFileDescriptor", -1);
    return VIEW(connection)->shared->fd;
}

size_t MQ_SmtpSend(MQ_SmtpConnection *connection, const void *buffer, size_t size)
{
    return mqhost_send("MQ_SmtpSend", VIEW(connection), buffer, size);
}

bool MQ_SmtpSecure(MQ_SmtpConnection *connection)
{
    REQUIRE(connection, "MQ_SmtpSecure", false);
    return VIEW(connection)->shared->secure != 0;
}

bool MQ_SmtpAuthenticated(MQ_SmtpConnection *connection)
{
    REQUIRE(connection, "MQ_SmtpAuthenticated", false);
    return VIEW(connection)->shared->authenticated != 0;
}

void MQ_SetSmtpAuthenticated(MQ_SmtpConnection *connection, bool authenticated)
{
    REQUIRE(connection, "MQ_SetSmtpAuthenticated", );
    VIEW(connection)->shared->authenticated = authenticated;
}

void *MQ_SmtpData(MQ_SmtpConnection *connection)
{
    REQUIRE(connection, "MQ_SmtpData", NULL);
    return VIEW(connection)->data;
}

void MQ_SetSmtpData(MQ_SmtpConnection *connection, void *data)
{
    REQUIRE(connection, "MQ_SetSmtpData", );
    VIEW(connection)->data = data;
}

struct json_object *MQ_Json(MQ_Message *message)
{
    REQUIRE(message, "MQ_Json", NULL);
    return mqhost_message_object("MQ_Json", message);
}

const char *MQ_Envelope(MQ_Message *message)
{
    REQUIRE(message, "MQ_Envelope", NULL);
    return mqhost_message_field(message, MQHOST_ENVELOPE);
}

const char *MQ_Recipient(MQ_Message *message)
{
    REQUIRE(message, "MQ_Recipient", NULL);
    return mqhost_message_field(message, MQHOST_RECIPIENT);
}

const char *MQ_Mime(MQ_Message *message)
{
    REQUIRE(message, "MQ_Mime", NULL);
    return mqhost_message_field(message, MQHOST_MIME);
}

void MQ_SetEnvelope(MQ_Message *message, const char *envelope, size_t size)
{
    REQUIRE(message, "MQ_SetEnvelope", );
    mqhost_message_set_field(message, MQHOST_ENVELOPE, envelope, size);
}

void MQ_SetRecipient(MQ_Message *message, const char *recipient, size_t size)
{
    REQUIRE(message, "MQ_SetRecipient", );
    mqhost_message_set_field(message, MQHOST_RECIPIENT, recipient, size);
}

void MQ_SetMime(MQ_Message *message, const char *mime, size_t size)
{
    REQUIRE(message, "MQ_SetMime", );
    mqhost_message_set_field(message, MQHOST_MIME, mime, size);
}
