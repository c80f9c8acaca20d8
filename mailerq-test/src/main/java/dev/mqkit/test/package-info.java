/**
 * Integration tests of MailerQ plugins with JUnit 5. {@link dev.mqkit.test.MailerQTest} (or
 * {@link dev.mqkit.test.MailerQExtension} registered in a field) runs the runtime with the plugins under
 * test in a process of its own ({@link dev.mqkit.harness.process.RuntimeProcess}), with an in-process
 * {@link dev.mqkit.harness.sink.SmtpSink} as its smarthost, and hands tests a {@link dev.mqkit.harness.MailerQ}:
 * an SMTP client that records transcripts ({@link dev.mqkit.harness.SmtpClient}), the sink, the queues, the
 * hook trace, violations and calls never handed back. {@link dev.mqkit.test.MailerQAssertions} fail with
 * the SMTP transcripts. A crash, a violation of the plugin API or a call never handed back fails the test class,
 * naming plugin and hook.
 *
 * <p>The classes need JUnit Jupiter's API on the class path (a {@code provided} dependency of this module); the
 * runtime itself does not.
 */
package dev.mqkit.test;
