#ifndef SHARED_H
#define SHARED_H
int shared_limit(void);
#endif
