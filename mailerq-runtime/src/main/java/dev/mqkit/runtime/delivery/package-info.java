/**
 * Outgoing delivery. A {@link dev.mqkit.runtime.delivery.Deliverer} consumes the outbox and sends
 * every message over SMTP on the event loops it is given, calling
 * {@link dev.mqkit.runtime.delivery.DeliveryHooks#outData} (the plugins' {@code mq_smtp_out_data})
 * on the connection's loop after DATA was accepted:
 *
 * <pre>{@code
 * Deliverer deliverer = new Deliverer(settings, queues, hooks, workers); // workers: epoll event loops
 * deliverer.start();
 * ...
 * deliverer.close(); // messages waiting for a retry stay in the queues, which return them to the outbox when due
 * }</pre>
 *
 * <p>Where to: the message's {@code smarthost} object, else the configured smarthost, else the MX
 * hosts of the recipient's domain (port {@code delivery-port}). Each attempt appends an entry to the
 * message's {@code results}; the message then goes to results plus success or failure, or to retry
 * and back to the outbox after the back-off while attempts ({@code maxattempts}) are left.
 */
package dev.mqkit.runtime.delivery;
