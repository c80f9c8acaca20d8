#ifndef LINES_H
#define LINES_H

#include <stddef.h>

/** The number of line ends in text. */
size_t count_lines(const char *text, size_t size);

#endif
