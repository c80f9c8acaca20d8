/* Stands in for the mailerq.h of a MailerQ installation: its own MQ_API_VERSION, one hook and one function
 * more than the toolkit knows. */
#ifndef REAL_MAILERQ_H
#define REAL_MAILERQ_H
#include <stddef.h>
#include <stdbool.h>
#define MQ_API_VERSION 17
#define MQ_EXPORT __attribute__((visibility("default")))
typedef struct MQ_Context MQ_Context;
typedef struct MQ_Connection MQ_Connection;
typedef struct MQ_Address MQ_Address;
int mq_version(void);
bool mq_smtp_in_mailfrom(MQ_Context *context, MQ_Connection *connection, MQ_Address *envelope);
bool mq_smtp_in_vrfy(MQ_Context *context, MQ_Connection *connection);
const char *MQ_email(MQ_Address *address);
void MQ_continue(MQ_Connection *connection);
int MQ_workerCount(MQ_Context *context);
#endif
