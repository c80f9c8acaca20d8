#include <mailerq.h>

int broken(void)
{
    return undeclared_variable;
}
