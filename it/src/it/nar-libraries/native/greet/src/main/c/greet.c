#include <letters/letters.h>
#include "greet/greet.h"

int greet_length(const char *who)
{
    return letters_in("Hello, !") + letters_in(who);
}
