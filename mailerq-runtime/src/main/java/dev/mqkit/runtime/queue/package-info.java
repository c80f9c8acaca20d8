/**
 * The queues between the runtime's parts. {@link dev.mqkit.runtime.queue.MessageQueues} is all that
 * SMTP in, the plugin host and delivery see; {@link dev.mqkit.runtime.queue.InMemoryQueues} is the
 * embedded default (inbox and outbox are one queue unless configured apart), and a RabbitMQ backend
 * can implement the same interface. {@link dev.mqkit.runtime.queue.JsonMessages} reads message files
 * to put straight into the outbox.
 */
package dev.mqkit.runtime.queue;
