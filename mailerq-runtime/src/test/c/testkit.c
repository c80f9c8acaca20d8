/* testkit.c - see testkit.h. */
#define _GNU_SOURCE
#include "testkit.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TRACE_CAPACITY (1 << 20)
#define SCRIPTS 64

struct script {
    char plugin[32];
    char hook[40];
    int action;
    int number;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char trace[TRACE_CAPACITY];
static size_t trace_size;
static struct script scripts[SCRIPTS];
static int script_count;
static int environment_read;

static void add(const char *plugin, const char *hook, int action, int number);

/* TK_SCRIPT="plugin:hook:action:number;...", once; called with the lock held. */
static void read_environment(void)
{
    const char *text = getenv("TK_SCRIPT");
    char plugin[32], hook[40];
    int action, number, used;
    environment_read = 1;
    while (text != NULL && *text != '\0') {
        if (sscanf(text, " %31[^:;]:%39[^:;]:%d:%d%n", plugin, hook, &action, &number, &used) != 4) break;
        add(plugin, hook, action, number);
        text += used;
        if (*text == ';') text++;
    }
}

__attribute__((visibility("default")))
void tk_record(const char *format, ...)
{
    va_list args;
    pthread_mutex_lock(&lock);
    va_start(args, format);
    int written = vsnprintf(trace + trace_size, TRACE_CAPACITY - trace_size - 1, format, args);
    va_end(args);
    if (written > 0 && trace_size + (size_t)written + 2 < TRACE_CAPACITY) {
        trace_size += (size_t)written;
        trace[trace_size++] = '\n';
        trace[trace_size] = '\0';
    }
    pthread_mutex_unlock(&lock);
}

static const struct script *find(const char *plugin, const char *hook)
{
    const struct script *wildcard = NULL;
    if (!environment_read) read_environment();
    for (int i = 0; i < script_count; i++) {
        if (strcmp(scripts[i].plugin, plugin) != 0) continue;
        if (strcmp(scripts[i].hook, hook) == 0) return &scripts[i];
        if (strcmp(scripts[i].hook, "*") == 0) wildcard = &scripts[i];
    }
    return wildcard;
}

__attribute__((visibility("default")))
int tk_action(const char *plugin, const char *hook)
{
    pthread_mutex_lock(&lock);
    const struct script *script = find(plugin, hook);
    int action = script != NULL ? script->action : TK_RETURN_FALSE;
    pthread_mutex_unlock(&lock);
    return action;
}

__attribute__((visibility("default")))
int tk_number(const char *plugin, const char *hook)
{
    pthread_mutex_lock(&lock);
    const struct script *script = find(plugin, hook);
    int number = script != NULL ? script->number : 0;
    pthread_mutex_unlock(&lock);
    return number;
}

__attribute__((visibility("default")))
void tk_script(const char *plugin, const char *hook, int action, int number)
{
    pthread_mutex_lock(&lock);
    add(plugin, hook, action, number);
    pthread_mutex_unlock(&lock);
}

static void add(const char *plugin, const char *hook, int action, int number)
{
    struct script *script = (struct script *)find(plugin, hook);
    if (script == NULL || strcmp(script->hook, hook) != 0) {
        script = script_count < SCRIPTS ? &scripts[script_count++] : NULL;
    }
    if (script != NULL) {
        snprintf(script->plugin, sizeof script->plugin, "%s", plugin);
        snprintf(script->hook, sizeof script->hook, "%s", hook);
        script->action = action;
        script->number = number;
    }
}

__attribute__((visibility("default")))
int tk_take(char *buffer, int size)
{
    pthread_mutex_lock(&lock);
    int length = (int)trace_size < size - 1 ? (int)trace_size : size - 1;
    memcpy(buffer, trace, (size_t)length);
    buffer[length] = '\0';
    trace_size = 0;
    trace[0] = '\0';
    pthread_mutex_unlock(&lock);
    return length;
}

__attribute__((visibility("default")))
void tk_reset(void)
{
    pthread_mutex_lock(&lock);
    script_count = 0;
    trace_size = 0;
    trace[0] = '\0';
    pthread_mutex_unlock(&lock);
}
