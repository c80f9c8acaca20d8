/**
 * {@link dev.mqkit.harness.sink.SmtpSink}: a scriptable SMTP server that plugin tests use as the
 * runtime's smarthost, to see exactly what was delivered and to make deliveries fail on purpose.
 */
package dev.mqkit.harness.sink;
