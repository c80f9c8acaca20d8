package dev.mqkit.runtime.smtp.server;

import dev.mqkit.smtp.BodyStorage;
import io.netty.handler.ssl.SslContext;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** What every connection of one server shares. */
record SmtpServerContext(
        SmtpServerSettings settings,
        SmtpServerHooks hooks,
        Function<Publication, CompletionStage<Void>> publisher,
        SslContext sslContext,
        BodyStorage bodies) {
}
