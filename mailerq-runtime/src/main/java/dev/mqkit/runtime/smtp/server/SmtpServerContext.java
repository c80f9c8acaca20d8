package dev.mqkit.runtime.smtp.server;

import dev.mqkit.smtp.BodyStorage;
import io.netty.handler.ssl.SslContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * What every connection of one server shares. The TLS context may still be in the making (the
 * self-signed certificate is made in the background as the server starts): STARTTLS and the
 * implicit-TLS ports wait for it.
 */
record SmtpServerContext(
        SmtpServerSettings settings,
        SmtpServerHooks hooks,
        Function<Publication, CompletionStage<Void>> publisher,
        CompletableFuture<SslContext> sslContext,
        BodyStorage bodies) {
}
