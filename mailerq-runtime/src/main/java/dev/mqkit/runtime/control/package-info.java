/**
 * The runtime process's control channel, for test drivers that run the runtime in a process of its own:
 * {@link dev.mqkit.runtime.control.HookTrace} records every hook call, hand-back and violation;
 * {@link dev.mqkit.runtime.control.CrashLog} keeps the same as the calls happen, which survives a crash or a kill,
 * with the native frames of a crash in plugin code;
 * {@link dev.mqkit.runtime.control.ControlServer} serves the trace, the queues and a graceful stop as JSON over HTTP
 * on 127.0.0.1.
 */
package dev.mqkit.runtime.control;
