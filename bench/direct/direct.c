/* The physical limit of a hook call: dlopen the plugin and call its
 * mq_smtp_in_connect through a function pointer N times.
 * Usage: direct PLUGIN.so [N]; prints ns per call. */
#include <dlfcn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef bool (*connect_fn)(void *context, void *connection);

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

int main(int argc, char **argv)
{
    if (argc < 2) { fprintf(stderr, "usage: %s PLUGIN.so [N]\n", argv[0]); return 2; }
    long n = argc > 2 ? atol(argv[2]) : 100000000L;
    void *so = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!so) { fprintf(stderr, "%s\n", dlerror()); return 1; }
    /* volatile: the compiler may neither inline the call nor drop it */
    connect_fn volatile fn = (connect_fn) dlsym(so, "mq_smtp_in_connect");
    if (!fn) { fprintf(stderr, "no mq_smtp_in_connect in %s\n", argv[1]); return 1; }
    volatile bool sink = false;
    char context[64], connection[64];
    for (long i = 0; i < n / 10; i++) sink = fn(context, connection); /* warm-up */
    double best = 1e300;
    for (int round = 0; round < 5; round++) {
        double start = now();
        for (long i = 0; i < n; i++) sink = fn(context, connection);
        double ns = (now() - start) / n;
        if (ns < best) best = ns;
    }
    (void) sink;
    printf("%.3f\n", best);
    return 0;
}
