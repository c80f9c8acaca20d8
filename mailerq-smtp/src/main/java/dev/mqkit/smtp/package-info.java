/**
 * The SMTP vocabulary the runtime's server ({@link dev.mqkit.runtime.smtp.server}), its delivery
 * client ({@link dev.mqkit.runtime.delivery}) and test servers built on Netty share, so that they
 * parse, answer and wait alike:
 *
 * <ul>
 *   <li>{@link dev.mqkit.smtp.SmtpInputDecoder}: a Netty decoder that hands out one
 *       {@link dev.mqkit.smtp.SmtpInput} at a time, a command line or a whole DATA body,
 *       and pauses reading until asked for the next;</li>
 *   <li>{@link dev.mqkit.smtp.SmtpReply} with {@link dev.mqkit.smtp.SmtpReplyEncoder}
 *       (server) and {@link dev.mqkit.smtp.SmtpReplyDecoder} (client): replies, their wire
 *       form and back;</li>
 *   <li>{@link dev.mqkit.smtp.SmtpCommand} with {@link dev.mqkit.smtp.SmtpCommandEncoder}
 *       (client) and {@link dev.mqkit.smtp.MailArguments}: a command line, and the path and
 *       parameters of MAIL FROM and RCPT TO;</li>
 *   <li>{@link dev.mqkit.smtp.SmtpTimeoutHandler}: how long the peer may keep a side waiting;</li>
 *   <li>{@link dev.mqkit.smtp.SaslCredentials}: AUTH PLAIN and LOGIN responses and base64;</li>
 *   <li>{@link dev.mqkit.smtp.DotStuffing}: a DATA body to the wire and back.</li>
 * </ul>
 *
 * <p>A server's pipeline: TLS (when on), {@code SmtpTimeoutHandler}, {@code SmtpInputDecoder},
 * {@code SmtpReplyEncoder}, then the handler of the dialogue, which writes {@code SmtpReply} values and calls
 * {@link dev.mqkit.smtp.SmtpInputDecoder#expectCommand()} or
 * {@link dev.mqkit.smtp.SmtpInputDecoder#expectData()} once it answered an input. A client's
 * pipeline: TLS (after STARTTLS), {@code SmtpTimeoutHandler}, {@code SmtpReplyDecoder},
 * {@code SmtpCommandEncoder}, then the handler of the dialogue, which writes {@code SmtpCommand}
 * values and the dot-stuffed body as bytes.
 */
package dev.mqkit.smtp;
