/* Prints the header's constants; the tests check their properties. Includes
 * nothing but mailerq.h, so bool and size_t must come from the header. */
#include <mailerq.h>

int printf(const char *format, ...);

int main(void)
{
    bool yes = true;
    size_t size = sizeof(MQ_Context *);
    printf("%d %d %d %d %d %d\n", MQ_API_VERSION, MQ_READ, MQ_WRITE, (int)yes, (int)(size > 0),
           MQ_MAILERQ_VERSION);
    return 0;
}
