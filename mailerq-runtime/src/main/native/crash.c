/**
 * crash.c - the report of a crash in plugin code; see crash.h.
 *
 * The report is up to four kinds of line, each one write(2):
 *     crash SIGSEGV
 *     running an I/O watch callback
 *     inside MQ_continue
 *     frame 0x1139 /abs/path/20-x.so
 * "running" says which plugin code the host had called (a hook, a timer or
 * I/O watch callback); "inside" names the host's MQ_ function the plugin
 * called, when the fault is in it; the frames come innermost first, the first
 * at the faulting instruction and the others at return addresses, up to the
 * frame that called into the plugin.
 */
#define _GNU_SOURCE
#include "crash.h"

#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

__thread int mqhost_in_plugin __attribute__((tls_model("initial-exec")));
__thread const char *mqhost_plugin_code __attribute__((tls_model("initial-exec")));

#define MAX_FRAMES 64
#define MAX_REPORTED 16

static const int handled[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
static struct sigaction previous[NSIG];
static int report_fd = -1;
static int reported;
static void *own_base;

static const char *signal_name(int sig)
{
    switch (sig) {
    case SIGSEGV: return "SIGSEGV";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE";
    case SIGILL: return "SIGILL";
    case SIGABRT: return "SIGABRT";
    default: return "SIGNAL";
    }
}

static void *faulting_pc(void *context)
{
    ucontext_t *uc = context;
#if defined(__x86_64__)
    return (void *)uc->uc_mcontext.gregs[REG_RIP];
#elif defined(__aarch64__)
    return (void *)uc->uc_mcontext.pc;
#else
    (void)uc;
    return NULL;
#endif
}

/* A line built without malloc or stdio, which a signal handler must not use. */
struct line {
    char text[4352];
    size_t size;
};

static void add(struct line *line, const char *text)
{
    size_t length = strlen(text);
    if (length > sizeof line->text - 1 - line->size) length = sizeof line->text - 1 - line->size;
    memcpy(line->text + line->size, text, length);
    line->size += length;
}

static void add_hex(struct line *line, uintptr_t value)
{
    char digits[2 + 2 * sizeof value + 1];
    size_t at = sizeof digits - 1;
    digits[at] = '\0';
    do {
        digits[--at] = "0123456789abcdef"[value & 0xf];
        value >>= 4;
    } while (value != 0);
    digits[--at] = 'x';
    digits[--at] = '0';
    add(line, digits + at);
}

static void emit(struct line *line)
{
    line->text[line->size++] = '\n';
    ssize_t ignored = write(report_fd, line->text, line->size);
    (void)ignored;
    line->size = 0;
}

static void report(int sig, void *context)
{
    void *frames[MAX_FRAMES];
    int count = backtrace(frames, MAX_FRAMES);
    void *pc = faulting_pc(context);
    int first = 0;
    /* the frames before the faulting one are this handler's and the kernel's signal trampoline */
    while (first < count && frames[first] != pc) first++;
    if (first == count) {
        frames[0] = pc;
        first = 0;
        count = pc == NULL ? 0 : 1;
    }
    struct line line = {.size = 0};
    add(&line, "crash ");
    add(&line, signal_name(sig));
    emit(&line);
    if (mqhost_plugin_code != NULL) {
        add(&line, "running ");
        add(&line, mqhost_plugin_code);
        emit(&line);
    }
    int inside = 0;
    for (int i = first, reported_frames = 0; i < count && reported_frames < MAX_REPORTED; i++) {
        Dl_info object;
        /* JIT-compiled Java has no object */
        if (dladdr(frames[i], &object) == 0 || object.dli_fname == NULL) break;
        if (object.dli_fbase == own_base) {
            /* an MQ_ function the plugin called, or a helper of it, faulted: name it and go on to its caller */
            if (!inside && object.dli_sname != NULL && strncmp(object.dli_sname, "MQ_", 3) == 0) {
                inside = 1;
                add(&line, "inside ");
                add(&line, object.dli_sname);
                emit(&line);
                continue;
            }
            if (reported_frames == 0) continue;
            /* past the plugin's frames: where the host called into the plugin */
            break;
        }
        reported_frames++;
        add(&line, "frame ");
        add_hex(&line, (uintptr_t)frames[i] - (uintptr_t)object.dli_fbase);
        add(&line, " ");
        add(&line, object.dli_fname);
        emit(&line);
    }
}

/* Hands the signal on as if this handler were not there. */
static void chain(int sig, siginfo_t *info, void *context)
{
    struct sigaction *before = &previous[sig];
    if (before->sa_flags & SA_SIGINFO) {
        before->sa_sigaction(sig, info, context);
    } else if (before->sa_handler == SIG_DFL) {
        signal(sig, SIG_DFL);
        raise(sig);
    } else if (before->sa_handler != SIG_IGN) {
        before->sa_handler(sig);
    }
}

static void handle(int sig, siginfo_t *info, void *context)
{
    int saved_errno = errno;
    char here;
    /* a fault next to this stack is an overflow: no room to unwind, the JVM reports it */
    uintptr_t distance = (uintptr_t)info->si_addr > (uintptr_t)&here
        ? (uintptr_t)info->si_addr - (uintptr_t)&here : (uintptr_t)&here - (uintptr_t)info->si_addr;
    int overflow = (sig == SIGSEGV || sig == SIGBUS) && distance < 256 * 1024;
    if (mqhost_in_plugin > 0 && !overflow && !__atomic_exchange_n(&reported, 1, __ATOMIC_SEQ_CST)) {
        report(sig, context);
    }
    errno = saved_errno;
    chain(sig, info, context);
}

int32_t mqhost_crash_handler_install(const char *path)
{
    Dl_info self;
    void *warm_up[1];
    if (report_fd >= 0) return 0;
    report_fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (report_fd < 0) return -1;
    if (dladdr((void *)mqhost_crash_handler_install, &self) != 0) own_base = self.dli_fbase;
    /* the first backtrace() loads libgcc's unwinder, which a signal handler must not do */
    backtrace(warm_up, 1);
    for (size_t i = 0; i < sizeof handled / sizeof handled[0]; i++) {
        struct sigaction action;
        int sig = handled[i];
        if (sigaction(sig, NULL, &previous[sig]) != 0) return -1;
        memset(&action, 0, sizeof action);
        action.sa_sigaction = handle;
        action.sa_mask = previous[sig].sa_mask;
        action.sa_flags = (previous[sig].sa_flags & ~SA_RESETHAND) | SA_SIGINFO;
        if (sigaction(sig, &action, NULL) != 0) return -1;
    }
    return 0;
}
