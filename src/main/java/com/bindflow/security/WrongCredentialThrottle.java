package com.bindflow.security;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wrong credentials per source (the client's IP address as the server sees it): at most {@code maxAttempts} wrong
 * attempts from one source reach a check within a window that starts with its first wrong attempt; after that, until
 * the window ends, the source is answered 429 with {@code Retry-After}. It slows a stranger down without locking anybody
 * out: an API client with the right secret passes even from a throttled source ({@link ApiClientAuthenticationFilter}),
 * and Camunda users (staff, admin) are throttled per source, not per user.
 *
 * <p>Per node, in memory, on purpose: the state is a rate limit of a few minutes, nothing that must survive a restart or
 * be the same on every node; keeping it in the database would make every wrong attempt of a stranger a write. With n
 * nodes behind a load balancer a source gets up to n × {@code maxAttempts} wrong attempts per window; secrets of at
 * least 32 random characters make guessing hopeless either way. At most {@code maxSources} sources are tracked; when
 * more have failed within one window, the oldest windows are dropped first.
 */
public class WrongCredentialThrottle {

    private static final Logger log = LoggerFactory.getLogger(WrongCredentialThrottle.class);

    private final int maxAttempts;
    private final long windowNanos;
    private final int maxSources;
    private final LongSupplier ticker;
    private final Map<String, Window> sources = new ConcurrentHashMap<>();

    /** Wrong attempts of one source since {@code startedAt} (the ticker's nanoseconds). */
    private record Window(long startedAt, int attempts) {
    }

    public WrongCredentialThrottle(SecurityProperties.WrongCredentials settings) {
        this(settings.getMaxAttempts(), settings.getWindow(), settings.getMaxSources(), System::nanoTime);
    }

    /** {@code ticker}: monotonic nanoseconds, as System.nanoTime (a rate limit's age, not business time). */
    WrongCredentialThrottle(int maxAttempts, Duration window, int maxSources, LongSupplier ticker) {
        this.maxAttempts = maxAttempts;
        this.windowNanos = window.toNanos();
        this.maxSources = maxSources;
        this.ticker = ticker;
    }

    /** How long the source must wait before its next wrong attempt reaches a check; empty when it may try now. */
    public Optional<Duration> blocked(String source) {
        Window window = current(source);
        if (window == null || window.attempts() < maxAttempts) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(window.startedAt() + windowNanos - ticker.getAsLong()));
    }

    /** Records a wrong attempt of the source; the wait it must now observe, or empty if it may still try. */
    public Optional<Duration> wrong(String source) {
        long now = ticker.getAsLong();
        if (sources.size() >= maxSources && !sources.containsKey(source)) {
            makeRoom(now);
        }
        Window window = sources.compute(source, (s, w) -> w == null || now - w.startedAt() >= windowNanos
                ? new Window(now, 1) : new Window(w.startedAt(), w.attempts() + 1));
        if (window.attempts() == maxAttempts + 1) {
            log.warn("source {}: more than {} wrong credentials within {}; throttled until the window ends", source,
                    maxAttempts, Duration.ofNanos(windowNanos));
        }
        return window.attempts() > maxAttempts
                ? Optional.of(Duration.ofNanos(window.startedAt() + windowNanos - now)) : Optional.empty();
    }

    /** Forgets every source (tests; an operator would restart the node). */
    public void clear() {
        sources.clear();
    }

    /** Retry-After in whole seconds, at least 1. */
    public static long seconds(Duration wait) {
        long seconds = (wait.toMillis() + 999) / 1000;
        return Math.max(1, seconds);
    }

    private Window current(String source) {
        Window window = sources.get(source);
        if (window != null && ticker.getAsLong() - window.startedAt() >= windowNanos) {
            sources.remove(source, window);
            return null;
        }
        return window;
    }

    private void makeRoom(long now) {
        sources.entrySet().removeIf(e -> now - e.getValue().startedAt() >= windowNanos);
        if (sources.size() >= maxSources) {
            // all windows still open: drop the oldest half (a stranger with that many addresses gains little)
            sources.entrySet().stream().sorted((a, b) -> Long.compare(a.getValue().startedAt(), b.getValue().startedAt()))
                    .limit(Math.max(1, sources.size() / 2)).map(Map.Entry::getKey).toList().forEach(sources::remove);
            log.warn("more than {} sources sent wrong credentials within one window; the oldest were forgotten", maxSources);
        }
    }
}
