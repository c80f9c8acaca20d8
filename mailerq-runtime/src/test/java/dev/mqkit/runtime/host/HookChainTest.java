package dev.mqkit.runtime.host;

import dev.mqkit.api.Hook;
import dev.mqkit.api.MailerqRelease;
import dev.mqkit.api.fixtures.BothGenerations;
import dev.mqkit.api.fixtures.TestReleases;
import dev.mqkit.api.harness.Trace;
import dev.mqkit.runtime.control.HookTrace;
import dev.mqkit.runtime.fixtures.TestKit;
import dev.mqkit.runtime.fixtures.TestPlugins;
import static dev.mqkit.runtime.fixtures.TestKit.Action.EARLY_CONTINUE;
import static dev.mqkit.runtime.fixtures.TestKit.Action.FALSE_THEN_CONTINUE;
import static dev.mqkit.runtime.fixtures.TestKit.Action.FOREIGN_THREAD;
import static dev.mqkit.runtime.fixtures.TestKit.Action.HOLD;
import static dev.mqkit.runtime.fixtures.TestKit.Action.PIPE_CONTINUE;
import static dev.mqkit.runtime.fixtures.TestKit.Action.RELEASE_HELD;
import static dev.mqkit.runtime.fixtures.TestKit.Action.SLEEP;
import static dev.mqkit.runtime.fixtures.TestKit.Action.TIMER_COMPLETE;
import static dev.mqkit.runtime.fixtures.TestKit.Action.TIMER_CONTINUE;
import static dev.mqkit.runtime.fixtures.TestKit.Action.TIMER_RETRY;
import static dev.mqkit.runtime.fixtures.TestKit.Action.TIMER_STOP_FIRED;
import static dev.mqkit.runtime.fixtures.TestKit.Action.TWICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one hook-chain mechanism: false, true and the three hand-backs, and the rules around them,
 * in both generations: the hand-back names the context of the call in 3.x and its connection in 5.x.
 */
@BothGenerations
class HookChainTest {

    private final MailerqRelease release;
    private PluginHost host;
    private NativeConnection connection;
    private final List<NativeConnection> otherConnections = new ArrayList<>();

    HookChainTest(MailerqRelease release) {
        this.release = release;
    }

    @BeforeEach
    void reset() {
        TestKit.reset();
    }

    @AfterEach
    void stop() {
        if (connection != null) {
            connection.close();
        }
        otherConnections.forEach(NativeConnection::close);
        if (host != null) {
            host.close();
        }
    }

    private PluginHostSettings settings(String... plugins) {
        return PluginHostSettings.of(TestPlugins.ordered(release, plugins)).withRelease(release).withWorkers(1);
    }

    private Worker start(String... plugins) {
        host = PluginHost.start(settings(plugins).withHandBackTimeout(Duration.ofMillis(500)));
        connection = host.openConnection(42, bytes -> bytes.length);
        TestKit.take();
        return host.workers().get(0);
    }

    /** Another connection of the host, closed after the test. */
    private NativeConnection otherConnection() {
        NativeConnection other = host.openConnection(43 + otherConnections.size(), bytes -> bytes.length);
        otherConnections.add(other);
        return other;
    }

    /** The host function's name in the release played: MQ_Continue in 3.x, MQ_continue in 5.x. */
    private String named(String smtpConnection, String connection) {
        return TestReleases.named(release, smtpConnection, connection);
    }

    private CompletableFuture<Void> mailFrom(Worker worker, String address) {
        return mailFrom(worker, connection, address);
    }

    private CompletableFuture<Void> mailFrom(Worker worker, NativeConnection onConnection, String address) {
        return textHook(worker, onConnection, Hook.SMTP_IN_MAILFROM, address);
    }

    private CompletableFuture<Void> textHook(Worker worker, NativeConnection onConnection, Hook hook, String text) {
        return worker.run(hook, HookArguments.text(onConnection, text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Lets a plugin callback that resumed a run finish what it does after its hand-back. */
    private static void settle(Worker worker) throws InterruptedException {
        worker.loop().submit(() -> { }).sync();
    }

    private static List<String> hooksCalled(List<String> trace) {
        return trace.stream().filter(line -> line.contains(" mq_smtp_in_mailfrom "))
                .map(line -> line.substring(0, line.indexOf(' '))).toList();
    }

    @Test
    void pluginsThatReturnFalseAreCalledInOrder() throws Exception {
        Worker worker = start("a", "b", "c");

        mailFrom(worker, "sender@example.com").get(5, TimeUnit.SECONDS);

        List<String> trace = TestKit.take();
        assertEquals(List.of("a", "b", "c"), hooksCalled(trace));
        assertTrue(trace.get(0).endsWith("text=sender@example.com"), trace.get(0));
    }

    @Test
    void aTimerHandsBackAndTheNextPluginRunsAfterIt() throws Exception {
        Worker worker = start("a", "b");
        TestKit.script("a", "mq_smtp_in_mailfrom", TIMER_CONTINUE, 50);

        long started = System.nanoTime();
        CompletableFuture<Void> run = mailFrom(worker, "x@example.com");
        run.get(5, TimeUnit.SECONDS);

        assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(50), "b waited for a's timer");
        assertEquals(List.of("a", "b"), hooksCalled(TestKit.take()));
        assertEquals(List.of(), host.violations());
    }

    @Test
    void anIoWatchOnAPipeHandsBack() throws Exception {
        Worker worker = start("a", "b");
        TestKit.script("a", "mq_smtp_in_mailfrom", PIPE_CONTINUE, 0);

        mailFrom(worker, "x@example.com").get(5, TimeUnit.SECONDS);

        List<String> trace = TestKit.take();
        assertEquals("a readable fd-matches=1 events=1", trace.get(1));
        assertEquals(List.of("a", "b"), hooksCalled(trace));
        assertEquals(List.of(), host.violations(), "unwatching inside the callback is legal");
    }

    @Test
    void completeSkipsTheRemainingPlugins() throws Exception {
        Worker worker = start("a", "b", "c");
        TestKit.script("b", "mq_smtp_in_mailfrom", TIMER_COMPLETE, 5);

        mailFrom(worker, "x@example.com").get(5, TimeUnit.SECONDS);

        assertEquals(List.of("a", "b"), hooksCalled(TestKit.take()));
    }

    @Test
    void retryRunsTheHookAgainFromTheFirstPlugin() throws Exception {
        Worker worker = start("a", "b", "c");
        TestKit.script("b", "mq_smtp_in_mailfrom", TIMER_RETRY, 5);

        mailFrom(worker, "x@example.com").get(5, TimeUnit.SECONDS);

        assertEquals(List.of("a", "b", "a", "b", "c"), hooksCalled(TestKit.take()));
    }

    @Test
    void aHandBackInsideTheHookTakesEffectWhenItReturnsTrue() throws Exception {
        Worker worker = start("a", "b");
        TestKit.script("a", "mq_smtp_in_mailfrom", EARLY_CONTINUE, 0);

        mailFrom(worker, "x@example.com").get(5, TimeUnit.SECONDS);

        assertEquals(List.of("a", "b"), hooksCalled(TestKit.take()));
        assertEquals(List.of(), host.violations());
    }

    @Test
    void aHandBackInsideAHookMayResumeAnotherCallFirst() throws Exception {
        Worker worker = start("a", "b");
        TestKit.script("a", "mq_smtp_in_mailfrom", HOLD, 0);
        TestKit.script("a", "mq_smtp_in_rcptto", RELEASE_HELD, 0);
        CompletableFuture<Void> held = mailFrom(worker, "x@example.com");

        // inside a's mq_smtp_in_rcptto, the hand-back of the held MAIL FROM runs b's mq_smtp_in_mailfrom,
        // then the hand-back of the RCPT TO itself must still find the call it was made in (on a connection
        // of its own: in 5.x a connection has one call at a time)
        textHook(worker, otherConnection(), Hook.SMTP_IN_RCPTTO, "y@example.com").get(5, TimeUnit.SECONDS);
        held.get(5, TimeUnit.SECONDS);

        List<String> hooks = TestKit.take().stream().filter(line -> line.matches("[ab] mq_smtp_in_\\w+ .*"))
                .map(line -> line.substring(0, line.indexOf(' ', 2))).toList();
        assertEquals(List.of("a mq_smtp_in_mailfrom", "a mq_smtp_in_rcptto", "b mq_smtp_in_mailfrom",
                "b mq_smtp_in_rcptto"), hooks);
        assertEquals(List.of(), host.violations());
    }

    @Test
    void theTraceKeepsTheCallInsideWhichAHandBackRanAnotherCallsChain() throws Exception {
        HookTrace trace = new HookTrace();
        host = PluginHost.start(settings("a", "b").withObserver(trace).withHandBackTimeout(Duration.ofMillis(500)));
        connection = host.openConnection(42, bytes -> bytes.length);
        TestKit.take();
        Worker worker = host.workers().get(0);
        TestKit.script("a", "mq_smtp_in_mailfrom", HOLD, 0);
        TestKit.script("a", "mq_smtp_in_rcptto", RELEASE_HELD, 0);
        CompletableFuture<Void> held = mailFrom(worker, "x@example.com");

        // inside a's mq_smtp_in_rcptto, the hand-back of the held MAIL FROM runs b's mq_smtp_in_mailfrom on the
        // same thread: two calls run at once on one worker, and each must keep its own record
        textHook(worker, otherConnection(), Hook.SMTP_IN_RCPTTO, "y@example.com").get(5, TimeUnit.SECONDS);
        held.get(5, TimeUnit.SECONDS);
        settle(worker);

        List<Trace.Call> calls = trace.calls().stream().filter(call -> call.hook().startsWith("mq_smtp_in_")).toList();
        assertEquals(List.of("a mq_smtp_in_mailfrom", "a mq_smtp_in_rcptto", "b mq_smtp_in_mailfrom",
                "b mq_smtp_in_rcptto"), calls.stream().map(call -> call.plugin().substring(3, 4) + " " + call.hook())
                .toList(), calls.toString());
        String handBack = named("MQ_Continue", "MQ_continue");
        Trace.Call outer = calls.get(1);
        assertEquals(Boolean.TRUE, outer.returned(), outer.toString());
        assertEquals(handBack, outer.handBackFunction(), outer.toString());
        assertTrue(outer.early(), outer.toString());
        Trace.Call resumed = calls.get(0);
        assertEquals(handBack, resumed.handBackFunction(), resumed.toString());
        assertFalse(resumed.early(), resumed.toString());
        Trace.Call nested = calls.get(2);
        assertEquals(Boolean.FALSE, nested.returned(), nested.toString());
        assertTrue(calls.stream().allMatch(Trace.Call::finished), calls.toString());
        assertEquals(List.of(), trace.running());
        assertEquals(List.of(), trace.violations());
    }

    @Test
    void manySuspendedCallsOnOneWorkerEachResumeTheirOwnRun() throws Exception {
        Worker worker = start("a", "b");
        // a holds each call for as many milliseconds as its text says
        TestKit.script("a", "mq_smtp_in_mailfrom", TIMER_CONTINUE, -1);
        List<CompletableFuture<Void>> runs = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<NativeConnection> connections = new ArrayList<>();
        for (int call = 0; call < 60; call++) {
            texts.add(String.valueOf(200 - call * 3));
            // 3.x: the context names the call, so many wait on one connection; 5.x: each waits on its own
            connections.add(TestReleases.connectionGeneration(release) ? otherConnection() : connection);
        }
        // started in one task of the worker, so that only the delays order the hand-backs
        worker.loop().submit(() -> {
            for (int call = 0; call < texts.size(); call++) {
                runs.add(mailFrom(worker, connections.get(call), texts.get(call)));
            }
        }).sync();

        CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        List<String> trace = TestKit.take();
        List<String> fired = trace.stream().filter(line -> line.startsWith("a timer fired for "))
                .map(line -> line.substring("a timer fired for ".length())).toList();
        List<String> reachedB = trace.stream().filter(line -> line.startsWith("b mq_smtp_in_mailfrom"))
                .map(line -> line.substring(line.indexOf("text=") + 5)).toList();
        assertEquals(texts.stream().sorted().toList(), reachedB.stream().sorted().toList(), "every call reached b once");
        assertEquals(fired, reachedB, "each hand-back resumed the call its own timer was started for");
        assertTrue(!reachedB.equals(texts), "the calls were resumed in another order than they were made");
        assertEquals(List.of(), host.violations());
    }

    @Test
    void aSecondHandBackIsReportedAndIgnored() throws Exception {
        Worker worker = start("a", "b");
        TestKit.script("a", "mq_smtp_in_mailfrom", TWICE, 5);

        mailFrom(worker, "x@example.com").get(5, TimeUnit.SECONDS);
        settle(worker);
        mailFrom(worker, "y@example.com").get(5, TimeUnit.SECONDS);
        settle(worker);

        assertEquals(List.of("a", "b", "a", "b"), hooksCalled(TestKit.take()), "each run went on exactly once");
        assertEquals(2, host.violations().size(), host.violations().toString());
        assertTrue(host.violations().get(0).startsWith("10-a.so called " + named("MQ_Continue", "MQ_continue")),
                host.violations().get(0));
    }

    @Test
    void aHandBackAfterReturningFalseIsReportedAndIgnored() throws Exception {
        Worker worker = start("a", "b");
        TestKit.script("a", "mq_smtp_in_mailfrom", FALSE_THEN_CONTINUE, 5);

        mailFrom(worker, "x@example.com").get(5, TimeUnit.SECONDS);
        // a's timer fires after the chain went on, 5 ms later or, on a loaded machine, some time after that
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (host.violations().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        settle(worker);

        assertEquals(List.of("a", "b"), hooksCalled(TestKit.take()));
        assertEquals(1, host.violations().size(), host.violations().toString());
    }

    @Test
    void aHandBackFromAnotherThreadIsReportedAndMovedOntoTheWorker() throws Exception {
        Worker worker = start("a", "b");
        TestKit.script("a", "mq_smtp_in_mailfrom", FOREIGN_THREAD, 0);

        mailFrom(worker, "x@example.com").get(5, TimeUnit.SECONDS);

        assertEquals(List.of("a", "b"), hooksCalled(TestKit.take()));
        assertEquals(1, host.violations().size());
        assertTrue(host.violations().get(0).contains("not from its worker thread"), host.violations().get(0));
    }

    @Test
    void stoppingAFiredTimerIsReported() throws Exception {
        Worker worker = start("a");
        TestKit.script("a", "mq_smtp_in_mailfrom", TIMER_STOP_FIRED, 1);

        mailFrom(worker, "x@example.com").get(5, TimeUnit.SECONDS);
        settle(worker);

        assertEquals(List.of("10-a.so: " + named("MQ_TimerStop", "MQ_stopTimer") + " on a timer that already fired "
                + "(the host cleans fired timers up); ignored"), host.violations());
    }

    @Test
    void aPluginThatNeverHandsBackIsReportedWhenTheHostStops() {
        Worker worker = start("a", "b");
        TestKit.script("b", "mq_smtp_in_mailfrom", HOLD, 0);
        CompletableFuture<Void> stuck = mailFrom(worker, "x@example.com");

        List<SuspendedCall> suspended = host.suspendedCalls();
        assertEquals(1, suspended.size());
        assertEquals("20-b.so", suspended.get(0).plugin().name());
        assertEquals(Hook.SMTP_IN_MAILFROM, suspended.get(0).hook());

        long started = System.nanoTime();
        host.close();
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5), "stopping is bounded");
        assertFalse(stuck.isDone());
        String report = host.violations().stream().collect(Collectors.joining("\n"));
        assertTrue(report.contains("20-b.so took control in mq_smtp_in_mailfrom on worker 0"), report);
        assertTrue(report.contains("never called " + named("MQ_Continue, MQ_Complete or MQ_Retry",
                "MQ_continue, MQ_complete or MQ_retry")), report);
    }

    @Test
    void startUpFailsWhenContextInitializeNeverHandsBack() {
        assumeTrue(!TestReleases.connectionGeneration(release), "from 4.0 the context hooks are void: no hand-back");
        TestKit.script("a", "mq_context_initialize", HOLD, 0);

        IllegalStateException failed = assertThrows(IllegalStateException.class,
                () -> PluginHost.start(settings("a").withHandBackTimeout(Duration.ofMillis(300))));

        assertTrue(failed.getMessage().contains("10-a.so took control in mq_context_initialize on worker 0"),
                failed.getMessage());
    }

    @Test
    void contextInitializeMayHandBackAsynchronously() {
        assumeTrue(!TestReleases.connectionGeneration(release), "from 4.0 the context hooks are void: no hand-back");
        TestKit.script("a", "mq_context_initialize", TIMER_CONTINUE, 20);

        host = PluginHost.start(settings("a", "b").withWorkers(2).withHandBackTimeout(Duration.ofSeconds(5)));

        List<String> trace = TestKit.take();
        assertEquals(2, trace.stream().filter(line -> line.startsWith("b context")).count(),
                "b initialised both workers after a handed back: " + trace);
    }

    @Test
    void contextInitializeMayBlockAndStartUpWaitsForItOnEveryWorker() {
        TestKit.script("a", "mq_context_initialize", SLEEP, 150);

        long started = System.nanoTime();
        host = PluginHost.start(settings("a", "b").withWorkers(2).withHandBackTimeout(Duration.ofSeconds(5)));

        assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(150),
                "the workers serve once a's mq_context_initialize returned");
        List<String> trace = TestKit.take();
        assertEquals(2, trace.stream().filter(line -> line.startsWith("b context")).count(), trace.toString());
        assertEquals(List.of(), host.violations());
    }
}
