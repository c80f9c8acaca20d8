#ifndef GREET_H
#define GREET_H

/* The letters of "Hello, <who>!". */
int greet_length(const char *who);

#endif
