package com.bindflow.support;

import com.bindflow.shared.OutsideCallFailure;
import com.bindflow.shared.OutsideCalls;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * {@link OutsideCalls} for the adapter tests, without Spring: application.yaml's retry and breaker settings (2
 * attempts; the breaker judges 20 calls, at least 10, opens at 50 % failures), an exponential backoff from 50 ms instead
 * of 0.5 s.
 */
public final class OutsideCallsForTests {

    private OutsideCallsForTests() {
    }

    public static OutsideCalls create(MeterRegistry meters) {
        RetryConfig retry = RetryConfig.custom()
                .maxAttempts(2)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(Duration.ofMillis(50), 2, Duration.ofMillis(200)))
                .retryOnException(new OutsideCallFailure.Retryable())
                .build();
        CircuitBreakerConfig breaker = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(30))
                .permittedNumberOfCallsInHalfOpenState(2)
                .recordException(new OutsideCallFailure.Technical())
                .build();
        return new OutsideCalls(CircuitBreakerRegistry.of(breaker), RetryRegistry.of(retry), meters, Duration.ofSeconds(10));
    }

    /** How many calls {@value OutsideCalls#METRIC} counted with these tags. */
    public static long count(MeterRegistry meters, String system, String operation, String outcome) {
        Timer timer = meters.find(OutsideCalls.METRIC).tag("system", system).tag("operation", operation)
                .tag("outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }
}
