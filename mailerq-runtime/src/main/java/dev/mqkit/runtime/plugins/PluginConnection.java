package dev.mqkit.runtime.plugins;

import dev.mqkit.runtime.host.NativeConnection;
import dev.mqkit.runtime.host.Worker;

/** What the runtime attaches to a connection: the worker it runs on and the plugins' view of it. */
record PluginConnection(Worker worker, NativeConnection connection) {}
