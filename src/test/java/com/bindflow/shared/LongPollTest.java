package com.bindflow.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.context.request.async.DeferredResult;

/** Waiting for a change: answered by a signal, by a look again, by the timeout; bounded; ended on shutdown. */
class LongPollTest {

    private final ChangeSignals signals = new ChangeSignals();
    private LongPoll longPoll;

    private LongPoll longPoll(Duration recheck, int maxWaiting) {
        longPoll = new LongPoll(signals, new LongPoll.Properties(recheck, maxWaiting), Optional.empty());
        longPoll.start();
        return longPoll;
    }

    @AfterEach
    void stop() {
        if (longPoll != null) {
            longPoll.stop();
            longPoll.shutdown();
        }
    }

    /** The result within 10 s (a check runs on the poll's own threads), else the test fails. */
    private static Object resultOf(DeferredResult<?> result) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!result.hasResult() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertThat(result.hasResult()).as("answered").isTrue();
        return result.getResult();
    }

    /** A wait on "k" answered "changed" once {@code changed} is true, after its first check (right after subscribing). */
    private static DeferredResult<String> awaitFirstCheck(LongPoll poll, AtomicBoolean changed) throws InterruptedException {
        AtomicInteger checks = new AtomicInteger();
        DeferredResult<String> result = poll.<String>await("k", Duration.ofSeconds(30), () -> {
            boolean now = changed.get();
            checks.incrementAndGet();
            return now ? Optional.of("changed") : Optional.empty();
        }, () -> "timed out").orElseThrow();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (checks.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertThat(checks.get()).as("a first check").isPositive();
        return result;
    }

    @Test
    void aSignalOfTheKeyEndsTheWaitWithTheCheckAnswer() throws Exception {
        AtomicBoolean changed = new AtomicBoolean();
        DeferredResult<String> result = awaitFirstCheck(longPoll(Duration.ofHours(1), 10), changed);
        assertThat(result.hasResult()).isFalse();
        signals.changed("other");
        changed.set(true);
        assertThat(result.hasResult()).isFalse();
        signals.changed("k");
        assertThat(resultOf(result)).isEqualTo("changed");
        assertThat(longPoll.waiting()).as("answered: no longer waiting").isZero();
        assertThat(signals.listenedKeys()).as("nor listening").isZero();
    }

    @Test
    void aChangeNobodySignalledIsFoundByTheLookAgain() throws Exception {
        AtomicBoolean changed = new AtomicBoolean();
        DeferredResult<String> result = awaitFirstCheck(longPoll(Duration.ofMillis(20), 10), changed);
        changed.set(true);   // another node's commit: no signal here
        assertThat(resultOf(result)).isEqualTo("changed");
    }

    @Test
    void aChangeBeforeTheSubscriptionIsFoundByTheFirstCheck() throws Exception {
        DeferredResult<String> result = longPoll(Duration.ofHours(1), 10).<String>await("k", Duration.ofSeconds(30),
                () -> Optional.of("changed already"), () -> "timed out").orElseThrow();
        assertThat(resultOf(result)).isEqualTo("changed already");
    }

    @Test
    void withoutAChangeTheWaitEndsWithTheTimeoutAnswer() throws Exception {
        DeferredResult<String> result = longPoll(Duration.ofHours(1), 10).<String>await("k", Duration.ofMillis(50),
                Optional::empty, () -> "timed out").orElseThrow();
        assertThat(resultOf(result)).isEqualTo("timed out");
        assertThat(longPoll.waiting()).isZero();
        assertThat(signals.listenedKeys()).isZero();
    }

    @Test
    void aFailingCheckEndsTheWaitWithItsError() throws Exception {
        IllegalStateException down = new IllegalStateException("database down");
        DeferredResult<String> result = longPoll(Duration.ofHours(1), 10).<String>await("k", Duration.ofSeconds(30),
                () -> {
                    throw down;
                }, () -> "timed out").orElseThrow();
        assertThat(resultOf(result)).isSameAs(down);
    }

    @Test
    void atMostMaxWaitingRequestsWaitAndTheRestAreAnsweredAtOnce() {
        LongPoll poll = longPoll(Duration.ofHours(1), 2);
        assertThat(poll.<String>await("a", Duration.ofSeconds(30), Optional::empty, () -> "t")).isPresent();
        assertThat(poll.<String>await("b", Duration.ofSeconds(30), Optional::empty, () -> "t")).isPresent();
        assertThat(poll.<String>await("c", Duration.ofSeconds(30), Optional::empty, () -> "t")).isEmpty();
        assertThat(poll.waiting()).isEqualTo(2);
    }

    @Test
    void onShutdownEveryWaitEndsWithItsTimeoutAnswerAndNoNewOneBegins() throws Exception {
        LongPoll poll = longPoll(Duration.ofHours(1), 10);
        DeferredResult<String> result = poll.<String>await("k", Duration.ofSeconds(30), Optional::empty, () -> "timed out")
                .orElseThrow();
        poll.stop();
        assertThat(resultOf(result)).isEqualTo("timed out");
        assertThat(poll.<String>await("k", Duration.ofSeconds(30), Optional::empty, () -> "t")).isEmpty();
    }

    @Test
    void waitSecondsIsAWholeNumberFromOneToThirty() {
        assertThat(LongPoll.waitParameter("waitSeconds", null)).isEmpty();
        assertThat(LongPoll.waitParameter("waitSeconds", "1")).contains(Duration.ofSeconds(1));
        assertThat(LongPoll.waitParameter("waitSeconds", "30")).contains(Duration.ofSeconds(30));
        for (String bad : new String[] {"0", "31", "-1", "1.5", "abc", "", "0030", "1e1"}) {
            assertThatThrownBy(() -> LongPoll.waitParameter("waitSeconds", bad)).as(bad)
                    .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.field()).isEqualTo("waitSeconds"));
        }
    }

    @Test
    void entityTagsFollowTheBytesAndIfNoneMatchComparesThem() {
        String a = LongPoll.etag("{\"status\":\"A\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(a).isEqualTo(LongPoll.etag("{\"status\":\"A\"}".getBytes(StandardCharsets.UTF_8))).matches("\"[A-Za-z0-9_-]{22}\"");
        assertThat(LongPoll.etag("{\"status\":\"B\"}".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(a);
        assertThat(LongPoll.matches(a, a)).isTrue();
        assertThat(LongPoll.matches("W/" + a, a)).isTrue();
        assertThat(LongPoll.matches("\"x\", " + a, a)).isTrue();
        assertThat(LongPoll.matches("*", a)).isTrue();
        assertThat(LongPoll.matches("\"x\"", a)).isFalse();
        assertThat(LongPoll.matches(null, a)).isFalse();
    }
}
