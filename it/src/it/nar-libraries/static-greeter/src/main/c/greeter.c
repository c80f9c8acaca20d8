#include <stdio.h>
#include <mailerq.h>
#include <greet/greet.h>

MQ_EXPORT int mq_version(void)
{
    return MQ_API_VERSION;
}

MQ_EXPORT void mq_initialize(void)
{
    /* greet_length comes from the NAR it.nar:greet, and calls letters_in of it.nar:letters */
    printf("static-greeter: greet_length(\"world\") = %d\n", greet_length("world"));
    fflush(stdout);
}
