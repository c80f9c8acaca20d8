package dev.mqkit.api;

/** What a hook receives after its context, in one generation of the API. */
public enum HookShape {
    /** (context), returning bool */
    CONTEXT,
    /** (context), returning void: the 4.0+ context hooks, which cannot take control */
    VOID_CONTEXT,
    /** (context, connection) */
    CONNECTION,
    /** (context, connection, text, size) */
    TEXT,
    /** (context, connection, address): the 4.0+ MAIL FROM and RCPT TO, an MQ_Address */
    ADDRESS,
    /** (context, connection, login, loginsize, passwd, passwdsize) */
    CREDENTIALS,
    /** (context, connection, message) */
    MESSAGE
}
