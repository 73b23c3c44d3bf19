package com.bindflow.shared;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Requests that wait for a change instead of asking again and again (long polls, e.g.
 * {@code GET /api/bindings/{id}?waitSeconds=20} with {@code If-None-Match}): the request's thread is given back at once
 * ({@link DeferredResult}), and the wait ends with the answer as soon as a {@code check} finds one, else with the
 * timeout's answer. A check runs when the record's key is signalled on this node ({@link ChangeSignals}: right after the
 * commit), right after the wait begins (a change between the caller's first look and the subscription), and every
 * {@code recheck} (a change another node committed); on two threads of its own, never on the committing one. At most
 * {@code maxWaiting} requests wait on a node; beyond that the caller answers at once. On shutdown every wait ends with
 * its timeout's answer. Nothing of it is state: a node that dies loses only the waits, which the clients repeat.
 */
@Component
public class LongPoll implements SmartLifecycle {

    /** The longest wait a client may ask for, in seconds (under common proxies' and load balancers' idle timeouts). */
    public static final int MAX_WAIT_SECONDS = 30;

    /**
     * Settings of the waiting requests ({@code bindflow.api.long-poll.*}).
     *
     * @param recheck    how often a waiting request looks again without a signal (a change on another node reaches it
     *                   within this)
     * @param maxWaiting requests that may wait on one node at the same time
     */
    @ConfigurationProperties("bindflow.api.long-poll")
    public record Properties(@DefaultValue("PT1S") Duration recheck, @DefaultValue("2000") int maxWaiting) {
    }

    private final ChangeSignals signals;
    private final Properties properties;
    private final AtomicInteger waiting = new AtomicInteger();
    private final Set<Waiter<?>> waiters = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("long-poll-timer-"));
    private final ExecutorService checks = Executors.newFixedThreadPool(2, daemon("long-poll-check-"));
    private volatile boolean running;

    public LongPoll(ChangeSignals signals, Properties properties, Optional<MeterRegistry> meters) {
        if (properties.recheck().isNegative() || properties.recheck().isZero()) {
            throw new IllegalArgumentException("bindflow.api.long-poll.recheck must be positive: " + properties.recheck());
        }
        this.signals = signals;
        this.properties = properties;
        meters.ifPresent(registry -> Gauge.builder("bindflow.api.waiting.requests", waiting, AtomicInteger::get)
                .description("requests waiting for a change (long polls) on this node").register(registry));
    }

    /**
     * The {@code waitSeconds} parameter as a duration: absent → none; else a whole number 1–{@value #MAX_WAIT_SECONDS}
     * (a 400 naming the parameter otherwise).
     */
    public static Optional<Duration> waitParameter(String name, String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (!value.matches("[0-9]{1,3}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > MAX_WAIT_SECONDS) {
            throw ApiProblem.badRequest(name, "The parameter " + name + " must be a whole number of seconds from 1 to "
                    + MAX_WAIT_SECONDS + ".");
        }
        return Optional.of(Duration.ofSeconds(Integer.parseInt(value)));
    }

    /** A strong entity tag of a representation's bytes (a quoted, URL-safe SHA-256 prefix): equal bytes, equal tags. */
    public static String etag(byte[] representation) {
        byte[] digest = RequestHash.sha256(representation);
        return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
    }

    /** Whether an {@code If-None-Match} header names this tag ({@code *}, a list, weak tags compared weakly). */
    public static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || (t.startsWith("W/") ? t.substring(2) : t).equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Waits up to {@code wait} for {@code check} (an answer, or empty while there is none yet) on the record of
     * {@code key}; then {@code timeout}'s answer. Empty when this node has {@code maxWaiting} requests waiting already
     * (the caller answers at once).
     */
    public <T> Optional<DeferredResult<T>> await(String key, Duration wait, Supplier<Optional<T>> check, Supplier<T> timeout) {
        if (!running) {
            return Optional.empty();
        }
        if (waiting.incrementAndGet() > properties.maxWaiting()) {
            waiting.decrementAndGet();
            return Optional.empty();
        }
        DeferredResult<T> result = new DeferredResult<>(wait.toMillis() + 10_000);   // the timer ends it; this is a backstop
        Waiter<T> waiter = new Waiter<>(result, check, timeout);
        waiters.add(waiter);
        result.onCompletion(waiter::close);
        result.onTimeout(waiter::timedOut);
        result.onError(e -> waiter.close());
        waiter.timeoutTask = timer.schedule(waiter::timedOut, wait.toMillis(), TimeUnit.MILLISECONDS);
        long recheck = properties.recheck().toMillis();
        waiter.recheckTask = timer.scheduleWithFixedDelay(waiter::signalled, recheck, recheck, TimeUnit.MILLISECONDS);
        waiter.unsubscribe = signals.listen(key, waiter::signalled);
        if (waiter.done.get() || !running) {   // answered (or stopped) while being wired: release what came after
            waiter.timedOut();
            waiter.release();
        }
        waiter.signalled();
        return Optional.of(result);
    }

    /** Requests waiting on this node now. */
    public int waiting() {
        return waiting.get();
    }

    private final class Waiter<T> {

        private final DeferredResult<T> result;
        private final Supplier<Optional<T>> check;
        private final Supplier<T> timeout;
        private final AtomicBoolean done = new AtomicBoolean();
        private final AtomicBoolean checkQueued = new AtomicBoolean();
        private volatile Runnable unsubscribe = () -> { };
        private volatile ScheduledFuture<?> timeoutTask;
        private volatile ScheduledFuture<?> recheckTask;

        Waiter(DeferredResult<T> result, Supplier<Optional<T>> check, Supplier<T> timeout) {
            this.result = result;
            this.check = check;
            this.timeout = timeout;
        }

        /** A change may have happened: one check queued, however many signals come before it runs. */
        void signalled() {
            if (!done.get() && checkQueued.compareAndSet(false, true)) {
                try {
                    checks.execute(this::check);
                } catch (java.util.concurrent.RejectedExecutionException stopping) {
                    checkQueued.set(false);
                }
            }
        }

        private void check() {
            checkQueued.set(false);
            if (done.get()) {
                return;
            }
            try {
                check.get().ifPresent(this::finish);
            } catch (RuntimeException e) {
                if (done.compareAndSet(false, true)) {
                    result.setErrorResult(e);     // answered by the problem handler, as the request itself would be
                    close();
                }
            }
        }

        void timedOut() {
            if (!done.get()) {
                finish(timeout.get());
            }
        }

        private void finish(T answer) {
            if (done.compareAndSet(false, true)) {
                result.setResult(answer);
                close();
            }
        }

        void close() {
            if (waiters.remove(this)) {
                done.set(true);
                release();
                waiting.decrementAndGet();
            }
        }

        /** Leaves the signals and cancels the timer's tasks (again: harmless). */
        void release() {
            unsubscribe.run();
            cancel(timeoutTask);
            cancel(recheckTask);
        }

        private static void cancel(ScheduledFuture<?> task) {
            if (task != null) {
                task.cancel(false);
            }
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /** Ends every wait with its timeout's answer before the web server stops (the clients ask again elsewhere). */
    @Override
    public void stop() {
        running = false;
        for (Waiter<?> waiter : waiters) {
            waiter.timedOut();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stopped before the web server's graceful shutdown waits for open requests (a higher phase stops first). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    @jakarta.annotation.PreDestroy
    void shutdown() {
        timer.shutdownNow();
        checks.shutdownNow();
    }

    /** Daemon threads named {@code prefix} and a number from 1. */
    private static ThreadFactory daemon(String prefix) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory(prefix);
        threads.setDaemon(true);
        return threads;
    }
}
