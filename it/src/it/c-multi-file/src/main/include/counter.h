#ifndef COUNTER_H
#define COUNTER_H
/* shared between the sources of the plugin, never exported */
void counter_add(const char *address);
int counter_total(void);
#endif
