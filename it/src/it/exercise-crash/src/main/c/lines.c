#include "lines.h"

/* where count_lines keeps its count: it was never allocated */
size_t *line_counts;

size_t count_lines(const char *text, size_t size)
{
    size_t lines = 0;
    for (size_t i = 0; i < size; i++) {
        if (text[i] == '\n') lines++;
    }
    line_counts[0] = lines; /* SIGSEGV */
    return lines;
}
