package com.bindflow.security;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wrong credentials per source. A source is the client's address as the server sees it (behind a trusted proxy: the
 * address the proxy forwarded, README: Running in production); an IPv6 address counts as its /64, which one
 * subscriber usually has whole. At most {@code maxAttempts} wrong attempts from one source reach a check within a
 * window that starts with its first wrong attempt; then the source is blocked (429 with {@code Retry-After}) until the
 * window ends. A source blocked again soon after waits longer each time: twice the window, four times, up to
 * {@code maxBlock}; after {@code maxBlock} without a wrong attempt it starts afresh.
 *
 * <p>A global cap besides: when more than {@code maxTotalAttempts} wrong attempts from all sources together reached a
 * check within one window (many addresses guessing at once), every source is blocked after its first wrong attempt
 * until the node's window ends. Nobody is locked out by it: an API client with the right secret passes even from a
 * blocked source ({@link ApiClientAuthenticationFilter}), and a Camunda user (staff, admin) is throttled per source,
 * not per user.
 *
 * <p>Per node, in memory, on purpose: the state is a rate limit of minutes, nothing that must survive a restart or be
 * the same on every node; keeping it in the database would make every wrong attempt of a stranger a write. At most
 * {@code maxSources} sources are tracked: to make room, sources that are not blocked are forgotten, those whose window
 * is over first, then the least recently wrong; a blocked source is never forgotten. When every tracked source is
 * blocked, new sources share one budget of {@code maxAttempts} (the source {@value #OVERFLOW}), so a stranger with
 * ever new addresses gains nothing by filling the table.
 */
public class WrongCredentialThrottle {

    /** The shared source of new addresses while every tracked source is blocked. */
    static final String OVERFLOW = "(overflow)";

    private static final Logger log = LoggerFactory.getLogger(WrongCredentialThrottle.class);

    private final int maxAttempts;
    private final long windowNanos;
    private final int maxSources;
    private final int maxTotalAttempts;
    private final long maxBlockNanos;
    private final LongSupplier ticker;
    private final Map<String, Source> sources = new HashMap<>();
    private Source overflow;
    private long totalWindowStart;
    private int totalAttempts;
    private boolean totalStarted;

    /** One source's state; times in the ticker's nanoseconds. Guarded by the throttle's lock. */
    private static final class Source {
        long windowStart;
        int attempts;
        long blockedUntil;
        boolean blocked;
        int strikes;
        long lastWrong;
    }

    public WrongCredentialThrottle(SecurityProperties.WrongCredentials settings) {
        this(settings.getMaxAttempts(), settings.getWindow(), settings.getMaxSources(), settings.getMaxTotalAttempts(),
                settings.getMaxBlock(), System::nanoTime);
    }

    /** With no global cap and blocks of one window; {@code ticker}: monotonic nanoseconds, as System.nanoTime. */
    WrongCredentialThrottle(int maxAttempts, Duration window, int maxSources, LongSupplier ticker) {
        this(maxAttempts, window, maxSources, Integer.MAX_VALUE, window, ticker);
    }

    WrongCredentialThrottle(int maxAttempts, Duration window, int maxSources, int maxTotalAttempts, Duration maxBlock,
                            LongSupplier ticker) {
        this.maxAttempts = maxAttempts;
        this.windowNanos = window.toNanos();
        this.maxSources = maxSources;
        this.maxTotalAttempts = maxTotalAttempts;
        this.maxBlockNanos = Math.max(maxBlock.toNanos(), windowNanos);
        this.ticker = ticker;
    }

    /**
     * The source an address counts as: an IPv4 address itself, an IPv6 address its /64 ({@code 2001:db8:1:2::/64});
     * what is no address, as given.
     */
    public static String sourceOf(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return address;
        }
        try {
            InetAddress parsed = InetAddress.getByName(address); // a literal (it has a ':'): no lookup
            if (!(parsed instanceof Inet6Address)) {
                return parsed.getHostAddress(); // an IPv4-mapped address
            }
            byte[] bytes = parsed.getAddress();
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return prefix.append(":/64").toString();
        } catch (Exception notAnAddress) {
            return address;
        }
    }

    /** How long the address's source must wait before its next attempt reaches a check; empty when it may try now. */
    public synchronized Optional<Duration> blocked(String address) {
        long now = ticker.getAsLong();
        Source source = sources.get(sourceOf(address));
        if (source == null && sources.size() >= maxSources) {
            source = overflow;
        }
        return source != null && isBlocked(source, now) ? Optional.of(Duration.ofNanos(source.blockedUntil - now))
                : Optional.empty();
    }

    /**
     * Records a wrong attempt of the address's source that reached a check; the wait it must now observe before the
     * next one, or empty. An attempt while blocked is not counted again (and is answered with the wait).
     */
    public synchronized Optional<Duration> wrong(String address) {
        long now = ticker.getAsLong();
        String key = sourceOf(address);
        Source source = sources.get(key);
        if (source == null) {
            if (sources.size() >= maxSources) {
                makeRoom(now);
            }
            if (sources.size() < maxSources) {
                source = new Source();
                sources.put(key, source);
            } else {
                if (overflow == null) {
                    overflow = new Source();
                    log.warn("{} sources are blocked for wrong credentials; new sources now share one budget", maxSources);
                }
                key = OVERFLOW;
                source = overflow;
            }
        }
        if (isBlocked(source, now)) {
            return Optional.of(Duration.ofNanos(source.blockedUntil - now));
        }
        if (source.strikes > 0 && now - source.blockedUntil >= maxBlockNanos) {
            source.strikes = 0;
        }
        source.blocked = false;
        if (source.attempts == 0 || now - source.windowStart >= windowNanos) {
            source.windowStart = now;
            source.attempts = 0;
        }
        source.attempts++;
        source.lastWrong = now;
        int limit = countTotal(now) ? 1 : maxAttempts;
        if (source.attempts >= limit) {
            source.strikes++;
            long block = source.strikes == 1 ? source.windowStart + windowNanos - now
                    : Math.min(windowNanos << Math.min(source.strikes - 1, 20), maxBlockNanos);
            source.blocked = true;
            source.blockedUntil = now + Math.max(block, 1);
            source.attempts = 0;
            log.warn("source {}: too many wrong credentials; blocked for {} (block {} in a row)", key,
                    Duration.ofNanos(source.blockedUntil - now), source.strikes);
        }
        return Optional.empty();
    }

    /** Counts an attempt against the node's total; true while the total is over the global cap. */
    private boolean countTotal(long now) {
        if (!totalStarted || now - totalWindowStart >= windowNanos) {
            totalStarted = true;
            totalWindowStart = now;
            totalAttempts = 0;
        }
        totalAttempts++;
        if (totalAttempts == maxTotalAttempts + 1) {
            log.warn("more than {} wrong credentials from all sources within {}: every source is blocked after one",
                    maxTotalAttempts, Duration.ofNanos(windowNanos));
        }
        return totalAttempts > maxTotalAttempts;
    }

    /** Forgets every source (tests; an operator would restart the node). */
    public synchronized void clear() {
        sources.clear();
        overflow = null;
        totalStarted = false;
    }

    /** How many sources are tracked (tests). */
    synchronized int tracked() {
        return sources.size();
    }

    /** Retry-After in whole seconds, at least 1. */
    public static long seconds(Duration wait) {
        long seconds = (wait.toMillis() + 999) / 1000;
        return Math.max(1, seconds);
    }

    /** Forgets sources that are not blocked: first those whose window is over, then the least recently wrong. */
    private void makeRoom(long now) {
        sources.entrySet().removeIf(e -> !isBlocked(e.getValue(), now) && now - e.getValue().windowStart >= windowNanos
                && (e.getValue().strikes == 0 || now - e.getValue().blockedUntil >= maxBlockNanos));
        if (sources.size() < maxSources) {
            return;
        }
        List<String> oldest = sources.entrySet().stream().filter(e -> !isBlocked(e.getValue(), now))
                .sorted(Comparator.comparingLong(e -> e.getValue().lastWrong))
                .limit(Math.max(1, maxSources / 10)).map(Map.Entry::getKey).toList();
        oldest.forEach(sources::remove);
    }

    private static boolean isBlocked(Source source, long now) {
        return source.blocked && source.blockedUntil - now > 0;
    }
}
