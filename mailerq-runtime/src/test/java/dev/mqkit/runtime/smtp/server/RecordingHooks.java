package dev.mqkit.runtime.smtp.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mqkit.smtp.ReceivedBody;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Hooks that write down every call ("rcptTo b@x.test") in order, check each is called on its
 * connection's event loop, and can be told to complete late (on another thread), fail, or change
 * the message.
 */
final class RecordingHooks implements SmtpServerHooks {
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<String> offLoop = new CopyOnWriteArrayList<>();
    final CountDownLatch closed = new CountDownLatch(1);
    final List<SmtpSession> sessions = new CopyOnWriteArrayList<>();
    /** The bodies the data hook got, byte for byte. */
    final List<byte[]> dataBodies = new CopyOnWriteArrayList<>();
    /** Events whose stage completes this much later, on another thread. */
    final Map<String, Duration> delays = new ConcurrentHashMap<>();
    /** Events whose stage fails with this. */
    final Map<String, RuntimeException> failures = new ConcurrentHashMap<>();
    volatile BiFunction<String, Boolean, Boolean> verdict = (login, configVerdict) -> configVerdict != null && configVerdict;
    volatile UnaryOperator<ObjectNode> change = message -> message;
    volatile Consumer<SmtpSession> onConnect = session -> { };
    volatile Boolean secureWhenSecureHookRan;

    List<String> events() {
        return new ArrayList<>(events);
    }

    boolean awaitClose() throws InterruptedException {
        return closed.await(5, TimeUnit.SECONDS);
    }

    private <T> CompletionStage<T> record(SmtpSession session, String event, T value) {
        if (!session.channel().eventLoop().inEventLoop()) {
            offLoop.add(event);
        }
        events.add(event);
        RuntimeException failure = failures.get(event);
        Duration delay = delays.get(event);
        CompletableFuture<T> stage = new CompletableFuture<>();
        Runnable complete = () -> {
            if (delay != null) {
                events.add("completed " + event);
            }
            if (failure != null) {
                stage.completeExceptionally(failure);
            } else {
                stage.complete(value);
            }
        };
        if (delay != null) {
            CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS).execute(complete);
        } else {
            complete.run();
        }
        return stage;
    }

    @Override
    public CompletionStage<Void> connect(SmtpSession session) {
        sessions.add(session);
        onConnect.accept(session);
        return record(session, "connect", null);
    }

    @Override
    public CompletionStage<Void> secure(SmtpSession session) {
        secureWhenSecureHookRan = session.secure();
        return record(session, "secure", null);
    }

    @Override
    public CompletionStage<Boolean> authenticate(SmtpSession session, String login, String password, Boolean configVerdict) {
        return record(session, "authenticate " + login + " " + password + " " + configVerdict, verdict.apply(login, configVerdict));
    }

    @Override
    public CompletionStage<Void> mailFrom(SmtpSession session, String address) {
        return record(session, "mailFrom " + address, null);
    }

    @Override
    public CompletionStage<Void> rcptTo(SmtpSession session, String address) {
        return record(session, "rcptTo " + address, null);
    }

    @Override
    public CompletionStage<Void> data(SmtpSession session, ReceivedBody body) {
        byte[] mime = body.bytes();
        dataBodies.add(mime);
        return record(session, "data " + new String(mime, StandardCharsets.UTF_8), null);
    }

    @Override
    public CompletionStage<Publication> message(SmtpSession session, Publication message) {
        return record(session, "message " + message.json().path("recipient").asText(),
                new Publication(change.apply(message.json()), message.local()));
    }

    @Override
    public CompletionStage<Void> close(SmtpSession session) {
        CompletionStage<Void> stage = record(session, "close", null);
        closed.countDown();
        return stage;
    }
}
