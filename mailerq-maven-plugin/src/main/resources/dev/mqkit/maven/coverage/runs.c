/* Compiled into the coverage build of a plugin only, by mailerq:compile. Each process that loads the plugin
 * leaves a file named after its pid in RUNS and removes it when it ends through exit(), where gcov's runtime
 * writes the counts too: a file left over names a process that crashed or was killed, whose counts are lost. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#define RUNS "@RUNS@"

static char mqkit_run[4096];

__attribute__((constructor)) static void mqkit_run_started(void)
{
    FILE *file;
    if (snprintf(mqkit_run, sizeof mqkit_run, "%s/%ld", RUNS, (long)getpid()) >= (int)sizeof mqkit_run) {
        mqkit_run[0] = '\0';
        return;
    }
    file = fopen(mqkit_run, "w");
    if (file != NULL) {
        fprintf(file, "%ld\n", (long)time(NULL));
        fclose(file);
    }
}

__attribute__((destructor)) static void mqkit_run_ended(void)
{
    if (mqkit_run[0] != '\0') {
        remove(mqkit_run);
    }
}
