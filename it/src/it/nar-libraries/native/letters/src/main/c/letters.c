#include <ctype.h>
#include "letters/letters.h"

int letters_in(const char *word)
{
    int count = 0;
    for (; *word; word++) {
        count += isalpha((unsigned char) *word) != 0;
    }
    return count;
}
