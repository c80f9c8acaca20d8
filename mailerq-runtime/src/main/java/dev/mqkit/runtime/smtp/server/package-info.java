/**
 * The runtime's incoming SMTP server: {@link dev.mqkit.runtime.smtp.server.SmtpServer} with its
 * {@link dev.mqkit.runtime.smtp.server.SmtpServerSettings}, calling the plugin host through
 * {@link dev.mqkit.runtime.smtp.server.SmtpServerHooks}. It speaks the vocabulary of
 * {@link dev.mqkit.smtp}.
 *
 * <h2>Pipeline of one connection</h2>
 * <ol>
 *   <li>{@code tls}: an {@code SslHandler}, inserted first on an implicit-TLS port (after the
 *       connect hook) or after an accepted STARTTLS;</li>
 *   <li>{@link dev.mqkit.smtp.SmtpTimeoutHandler}: the idle, command and data timeouts (421 4.4.2);</li>
 *   <li>{@link dev.mqkit.smtp.SmtpInputDecoder}: command lines or whole DATA bodies, one at a time;</li>
 *   <li>{@link dev.mqkit.smtp.SmtpReplyEncoder}: {@link dev.mqkit.smtp.SmtpReply} to wire text;</li>
 *   <li>{@code SmtpSessionHandler}: the dialogue: its states, the calls to the hooks, one at a time
 *       ({@code HookStages}), and the replies; an accepted DATA body goes to
 *       {@code MessageQueuing}, which runs the data hook, each recipient's message hook and
 *       publishing, and yields the reply to the body.</li>
 * </ol>
 *
 * <h2>Choices the RFCs leave open</h2>
 * <ul>
 *   <li>Command lines are limited to {@code maxLineLength} bytes with CRLF (1000 by default);
 *       longer ones get {@code 500 5.5.6} once their end arrived and the session goes on. A bare LF
 *       ends a command line. Lines in a DATA body have no limit of their own: only the body's size
 *       counts ({@code maxMessageSize}, announced as SIZE).</li>
 *   <li>Only CRLF.CRLF ends a DATA body. A body with a bare LF, a bare CR or a NUL byte is read to
 *       its end and refused with {@code 550 5.6.0} (no normalising: SMTP smuggling sequences such as
 *       LF.LF never end a body and are never passed on). A body over the size limit is read to its
 *       end and refused with {@code 552 5.3.4}; the connection stays open in both cases.</li>
 *   <li>What a client pipelines after STARTTLS is dropped unread (RFC 3207 section 6); after the
 *       handshake the session starts afresh (no EHLO, transaction or login).</li>
 *   <li>The reply to DATA is sent after every recipient's message went through the message hook
 *       and was published, in recipient order; playing 4.0 or later it is 5.13's multi-line 250
 *       naming the id each recipient was queued under, playing 3.0 a plain 250 (see
 *       {@code MessageQueuing}, also for mail without a required login). A failed publish answers
 *       {@code 451 4.3.0}; messages of earlier
 *       recipients may then have been published already (the client's retry may duplicate them;
 *       nothing is lost).</li>
 *   <li>A connection that is gone stops at the hook that was running; no later hook runs and
 *       nothing more is published, then the close hook runs, after that hook's stage completed.</li>
 *   <li>The published JSON: see {@code IncomingMessages}; its {@code mime} carries the body's
 *       bytes without loss ({@link dev.mqkit.api.json.LosslessUtf8}), less the x-mq-* fields
 *       of its header section ({@code MqHeaderFields}), which become properties
 *       ({@code MqProperties}).</li>
 *   <li>DSN parameters (RFC 3461) are kept as sent; a malformed one gets {@code 501 5.5.4} naming
 *       it, one given while DSN is not offered {@code 555 5.5.4}, any parameter given twice
 *       {@code 501 5.5.4}.</li>
 *   <li>A body is kept in memory up to the spool threshold and in a spool file beyond it, within
 *       a budget of in-flight bytes shared by all connections; DATA beyond the budget gets
 *       {@code 452 4.3.1}, before the 354 or, when the budget runs out during the body, after it.</li>
 *   <li>Before any hook, {@code ClientAdmission} answers a client outside the allowed ranges with
 *       {@code 554 5.7.1} instead of the greeting, and one past the connection limits (all, or per
 *       client address) with {@code 421 4.7.0}, then closes: MailerQ never sees such a connection.</li>
 *   <li>Spool files are written on the connection's event loop, a chunk at a time: to the page
 *       cache, as Postfix writes its queue files; a spool that cannot be written refuses the body
 *       with {@code 452 4.3.1}.</li>
 *   <li>No {@code Received:} header is added: the data hook and the JSON get the body as the
 *       client sent it, dot-stuffing undone.</li>
 * </ul>
 */
package dev.mqkit.runtime.smtp.server;
