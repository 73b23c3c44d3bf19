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

    private static final Duration MINUTE = Duration.ofSeconds(60);

    @Test
    void anIpv6SourceIsKeyedByItsSlash64() {
        assertThat(WrongCredentialThrottle.sourceOf("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).isEqualTo("2001:db8:1:2::/64");
        assertThat(WrongCredentialThrottle.sourceOf("2001:0db8:0001:0002::1")).isEqualTo("2001:db8:1:2::/64");
        assertThat(WrongCredentialThrottle.sourceOf("0:0:0:0:0:0:0:1")).isEqualTo("0:0:0:0::/64");
        assertThat(WrongCredentialThrottle.sourceOf("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(WrongCredentialThrottle.sourceOf("192.0.2.7")).isEqualTo("192.0.2.7");
        // every address of the /64 shares one budget
        for (int i = 0; i < 3; i++) {
            throttle.wrong("2001:db8:1:2::" + Integer.toHexString(i + 1));
        }
        assertThat(throttle.blocked("2001:db8:1:2:ffff::9")).isPresent();
        assertThat(throttle.blocked("2001:db8:1:3::1")).isEmpty();
    }

    @Test
    void evictionNeverForgetsABlockedSource() {
        // max 4 sources: two blocked, then ever new sources with one wrong attempt each
        for (int i = 0; i < 3; i++) {
            throttle.wrong("10.0.9.1");
            throttle.wrong("10.0.9.2");
        }
        for (int i = 0; i < 50; i++) {
            now += 1;
            throttle.wrong("10.0.2." + i);
            assertThat(throttle.tracked()).isLessThanOrEqualTo(4);
        }
        assertThat(throttle.blocked("10.0.9.1")).isPresent();
        assertThat(throttle.blocked("10.0.9.2")).isPresent();
    }

    @Test
    void whenEveryTrackedSourceIsBlockedNewSourcesShareOneBudget() {
        for (int source = 0; source < 4; source++) {
            for (int i = 0; i < 3; i++) {
                throttle.wrong("10.0.3." + source);
            }
        }
        assertThat(throttle.wrong("10.0.4.1")).isEmpty();
        assertThat(throttle.wrong("10.0.4.2")).isEmpty();
        assertThat(throttle.wrong("10.0.4.3")).isEmpty();
        // the shared budget of 3 is used: any new source waits, the blocked ones are all still there
        assertThat(throttle.wrong("10.0.4.4")).isPresent();
        assertThat(throttle.blocked("10.0.4.5")).isPresent();
        for (int source = 0; source < 4; source++) {
            assertThat(throttle.blocked("10.0.3." + source)).isPresent();
        }
    }

    @Test
    void aSourceBlockedAgainWaitsLongerEachTimeUpToTheMaximum() {
        WrongCredentialThrottle growing = new WrongCredentialThrottle(3, MINUTE, 100, 1000, Duration.ofMinutes(8), () -> now);
        Duration[] expected = {MINUTE, Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(8), Duration.ofMinutes(8)};
        for (Duration wait : expected) {
            for (int i = 0; i < 3; i++) {
                assertThat(growing.wrong("10.0.5.1")).isEmpty();
            }
            assertThat(growing.blocked("10.0.5.1")).contains(wait);
            now += wait.toNanos();
            assertThat(growing.blocked("10.0.5.1")).isEmpty();
        }
        // a quiet source starts afresh after the maximum block
        for (int i = 0; i < 3; i++) {
            growing.wrong("10.0.5.1");
        }
        now += Duration.ofMinutes(8).toNanos() + Duration.ofMinutes(8).toNanos();
        for (int i = 0; i < 3; i++) {
            growing.wrong("10.0.5.1");
        }
        assertThat(growing.blocked("10.0.5.1")).contains(MINUTE);
    }

    @Test
    void aGlobalCapBlocksEverySourceAfterOneWrongAttempt() {
        WrongCredentialThrottle capped = new WrongCredentialThrottle(3, MINUTE, 100, 10, MINUTE, () -> now);
        for (int i = 0; i < 10; i++) {
            assertThat(capped.wrong("10.0.6." + i)).isEmpty();
            assertThat(capped.blocked("10.0.6." + i)).isEmpty();
        }
        // more than 10 wrong attempts on this node within the window: one each, then blocked
        assertThat(capped.wrong("10.0.7.1")).isEmpty();
        assertThat(capped.blocked("10.0.7.1")).isPresent();
        assertThat(capped.wrong("10.0.6.0")).isEmpty();
        assertThat(capped.blocked("10.0.6.0")).isPresent();
        // the node's window over, the per-source budget applies again
        now += MINUTE.toNanos();
        assertThat(capped.wrong("10.0.8.1")).isEmpty();
        assertThat(capped.blocked("10.0.8.1")).isEmpty();
    }
}
