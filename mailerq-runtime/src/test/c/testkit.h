/**
 * testkit.h - a shared library the runtime's test plugins link against: it
 * records what plugins saw, in one trace for all of them, and tells each
 * plugin what to do in each hook, as the Java test scripted it.
 */
#ifndef TESTKIT_H
#define TESTKIT_H

/** What a scripted plugin does in a hook. */
enum tk_action {
    TK_RETURN_FALSE = 0,    /* done at once */
    TK_TIMER_CONTINUE = 1,  /* take control, MQ_Continue from a timer */
    TK_TIMER_COMPLETE = 2,  /* take control, MQ_Complete from a timer */
    TK_TIMER_RETRY = 3,     /* take control, MQ_Retry from a timer the first time, MQ_Continue after */
    TK_PIPE_CONTINUE = 4,   /* take control, MQ_Continue when a pipe becomes readable */
    TK_HOLD = 5,            /* take control and never hand it back */
    TK_EARLY_CONTINUE = 6,  /* MQ_Continue inside the hook, then return true */
    TK_TWICE = 7,           /* take control, MQ_Continue twice from a timer */
    TK_FOREIGN_THREAD = 8,  /* take control, MQ_Continue from a thread of the plugin's own */
    TK_FALSE_THEN_CONTINUE = 9, /* return false, then MQ_Continue from a timer anyway */
    TK_TIMER_STOP_FIRED = 10,   /* take control, MQ_Continue from a timer, then stop that fired timer */
    TK_CRASH = 11,              /* write through a null pointer inside the hook: SIGSEGV */
    TK_SLEEP = 12,              /* block inside the hook for the number's milliseconds, then return false */
    TK_RELEASE_HELD = 13,       /* inside the hook, MQ_Continue the call TK_HOLD kept last, then MQ_Continue
                                   this one and return true */
    TK_SEND_REPLY = 14,         /* MAIL FROM, RCPT TO, DATA: write a 550 reply with MQ_SmtpSend, return false */
    TK_CRASH_IN_LIBC = 15,      /* strlen a null pointer inside the hook: SIGSEGV in the C library */
    TK_PIPE_CRASH_IN_HOST = 16  /* take control; when a pipe becomes readable, MQ_Continue a pointer the host
                                   never made, from the I/O watch callback: SIGSEGV inside the host function */
};

/** Appends one line to the trace. */
void tk_record(const char *format, ...) __attribute__((format(printf, 1, 2)));

/** The action the test set for this plugin and hook (TK_RETURN_FALSE unless set). */
int tk_action(const char *plugin, const char *hook);

/** A number the test set for this plugin and hook, e.g. a delay in milliseconds (0 unless set). */
int tk_number(const char *plugin, const char *hook);

/**
 * Scripts can also come from the environment, for plugins in a runtime process
 * of its own: TK_SCRIPT="plugin:hook:action:number;..." (action as a number),
 * read when a plugin first asks, as if set with tk_script.
 */

/** Test side: sets the action and number for a plugin's hook ("*" for every hook). */
void tk_script(const char *plugin, const char *hook, int action, int number);

/** Test side: copies the trace into buffer (NUL-terminated), clears it, returns its length. */
int tk_take(char *buffer, int size);

/** Test side: forgets every script and the trace. */
void tk_reset(void);

#endif
