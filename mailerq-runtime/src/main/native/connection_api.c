/**
 * connection_api.c - the MQ_ functions of the MailerQ 4.0-5.13 plugin API
 * (the Connection generation): a plugin hands control back with the
 * connection, whose view the host marks with each call it hands over, so a
 * connection has at most one call waiting per plugin. MQ_json's object
 * belongs to the library the played release links (json-c until 4.4,
 * libfastjson from 5.0), chosen when the host made the message.
 */
#define MQ_MAILERQ_VERSION 51300
#include "objects.h"

#include <stdio.h>

#define VIEW(connection) ((struct mqhost_view *)(connection))

static void hand_back(MQ_Connection *connection, int how)
{
    struct mqhost_view *view = VIEW(connection);
    mqhost_hand_back(view->shared->host, view->shared->worker, view->plugin, view->call, how);
}

void MQ_continue(MQ_Connection *connection)
{
    REQUIRE(connection, "MQ_continue", );
    hand_back(connection, MQHOST_CONTINUE);
}

void MQ_complete(MQ_Connection *connection)
{
    REQUIRE(connection, "MQ_complete", );
    hand_back(connection, MQHOST_COMPLETE);
}

void MQ_retry(MQ_Connection *connection)
{
    REQUIRE(connection, "MQ_retry", );
    hand_back(connection, MQHOST_RETRY);
}

void *MQ_contextData(MQ_Context *context)
{
    REQUIRE(context, "MQ_contextData", NULL);
    return *context->data;
}

void MQ_setContextData(MQ_Context *context, void *value)
{
    REQUIRE(context, "MQ_setContextData", );
    *context->data = value;
}

MQ_IOWatcher *MQ_ioWatch(MQ_Context *context, int fd, int events,
                         void (*callback)(MQ_IOWatcher *watcher, int fd, int events, void *data),
                         void *data)
{
    return mqhost_watch("MQ_ioWatch", context, fd, events, callback, data);
}

void MQ_ioUnwatch(MQ_IOWatcher *watcher)
{
    mqhost_unwatch("MQ_ioUnwatch", watcher);
}

MQ_Timer *MQ_startTimer(MQ_Context *context, float timeout, void (*callback)(void *data), void *data)
{
    return mqhost_timer_start("MQ_startTimer", context, timeout, callback, data);
}

void MQ_stopTimer(MQ_Timer *timer)
{
    mqhost_timer_stop("MQ_stopTimer", timer);
}

void MQ_resetTimer(MQ_Timer *timer, float timeout)
{
    mqhost_timer_reset("MQ_resetTimer", timer, timeout);
}

int MQ_fileDescriptor(MQ_Connection *connection)
{
    REQUIRE(connection, "MQ_fileDescriptor", -1);
    return VIEW(connection)->shared->fd;
}

size_t MQ_send(MQ_Connection *connection, const void *buffer, size_t size)
{
    return mqhost_send("MQ_send", VIEW(connection), buffer, size);
}

bool MQ_secure(MQ_Connection *connection)
{
    REQUIRE(connection, "MQ_secure", false);
    return VIEW(connection)->shared->secure != 0;
}

bool MQ_authenticated(MQ_Connection *connection)
{
    REQUIRE(connection, "MQ_authenticated", false);
    return VIEW(connection)->shared->authenticated != 0;
}

void MQ_setAuthenticated(MQ_Connection *connection, bool authenticated)
{
    REQUIRE(connection, "MQ_setAuthenticated", );
    VIEW(connection)->shared->authenticated = authenticated;
}

void *MQ_connectionData(MQ_Connection *connection)
{
    REQUIRE(connection, "MQ_connectionData", NULL);
    return VIEW(connection)->data;
}

void MQ_setConnectionData(MQ_Connection *connection, void *data)
{
    REQUIRE(connection, "MQ_setConnectionData", );
    VIEW(connection)->data = data;
}

struct fjson_object *MQ_json(MQ_Message *message)
{
    REQUIRE(message, "MQ_json", NULL);
    return mqhost_message_object("MQ_json", message);
}

MQ_Address *MQ_envelope(MQ_Message *message)
{
    const char *envelope;
    REQUIRE(message, "MQ_envelope", NULL);
    envelope = mqhost_message_field(message, MQHOST_ENVELOPE);
    if (envelope == NULL) return NULL;
    /* valid until the envelope changes or the message goes, as the text it points at */
    message->envelope_address.email = envelope[0] != '\0' ? envelope : NULL;
    return (MQ_Address *)&message->envelope_address;
}

const char *MQ_recipient(MQ_Message *message)
{
    REQUIRE(message, "MQ_recipient", NULL);
    return mqhost_message_field(message, MQHOST_RECIPIENT);
}

const char *MQ_mime(MQ_Message *message)
{
    REQUIRE(message, "MQ_mime", NULL);
    return mqhost_message_field(message, MQHOST_MIME);
}

void MQ_setEnvelope(MQ_Message *message, const char *envelope, size_t size)
{
    REQUIRE(message, "MQ_setEnvelope", );
    mqhost_message_set_field(message, MQHOST_ENVELOPE, envelope, size);
}

void MQ_setRecipient(MQ_Message *message, const char *recipient, size_t size)
{
    REQUIRE(message, "MQ_setRecipient", );
    mqhost_message_set_field(message, MQHOST_RECIPIENT, recipient, size);
}

void MQ_setMime(MQ_Message *message, const char *mime, size_t size)
{
    REQUIRE(message, "MQ_setMime", );
    mqhost_message_set_field(message, MQHOST_MIME, mime, size);
}

bool MQ_local(MQ_Message *message)
{
    REQUIRE(message, "MQ_local", false);
    return message->local != 0;
}

void MQ_setLocal(MQ_Message *message, bool local)
{
    REQUIRE(message, "MQ_setLocal", );
    if (message->outgoing) {
        mqhost_report(-1, -1, MQHOST_WARNING, "MQ_setLocal on an outgoing message has no effect: "
                      "only mq_smtp_in_message decides where a received message goes");
    }
    message->local = local;
}

const char *MQ_email(MQ_Address *address)
{
    REQUIRE(address, "MQ_email", NULL);
    return ((struct mqhost_address *)address)->email;
}

void MQ_log(int priority, const char *message)
{
    mqhost_log_from(__builtin_return_address(0), priority, message != NULL ? message : "(null)");
}
