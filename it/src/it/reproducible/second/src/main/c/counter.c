#include "counter.h"

static int total;

void counter_add(const char *address)
{
    if (address != 0) total++;
}

int counter_total(void)
{
    return total;
}
