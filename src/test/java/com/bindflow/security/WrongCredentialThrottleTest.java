package com.bindflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Wrong credentials per source: a window of attempts, then a wait until the window ends; other sources unaffected. */
class WrongCredentialThrottleTest {

    private long now;
    private final WrongCredentialThrottle throttle =
            new WrongCredentialThrottle(3, Duration.ofSeconds(60), 4, () -> now);

    @Test
    void aSourceHasItsAttemptsThenWaitsUntilTheWindowEnds() {
        assertThat(throttle.wrong("10.0.0.1")).isEmpty();
        now += Duration.ofSeconds(10).toNanos();
        assertThat(throttle.wrong("10.0.0.1")).isEmpty();
        assertThat(throttle.blocked("10.0.0.1")).isEmpty();
        assertThat(throttle.wrong("10.0.0.1")).isEmpty();
        // the 3 allowed are used: the window opened at 0 s and ends at 60 s
        assertThat(throttle.blocked("10.0.0.1")).contains(Duration.ofSeconds(50));
        assertThat(throttle.wrong("10.0.0.1")).contains(Duration.ofSeconds(50));
        assertThat(WrongCredentialThrottle.seconds(Duration.ofMillis(49_001))).isEqualTo(50);
        assertThat(WrongCredentialThrottle.seconds(Duration.ofMillis(10))).isEqualTo(1);

        // another source is not concerned
        assertThat(throttle.blocked("10.0.0.2")).isEmpty();
        assertThat(throttle.wrong("10.0.0.2")).isEmpty();

        // the window over, the source starts afresh
        now = Duration.ofSeconds(60).toNanos();
        assertThat(throttle.blocked("10.0.0.1")).isEmpty();
        assertThat(throttle.wrong("10.0.0.1")).isEmpty();
    }

    @Test
    void itKeepsTrackOfAtMostMaxSources() {
        for (int i = 0; i < 10; i++) {
            now += 1;
            throttle.wrong("10.0.1." + i);
        }
        // the oldest windows were dropped to make room, the newest is there
        assertThat(throttle.wrong("10.0.1.9")).isEmpty();
        for (int i = 0; i < 3; i++) {
            throttle.wrong("10.0.1.9");
        }
        assertThat(throttle.blocked("10.0.1.9")).isPresent();
        throttle.clear();
        assertThat(throttle.blocked("10.0.1.9")).isEmpty();
    }
}
