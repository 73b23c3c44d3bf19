package com.bindflow.shared;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Every call to an outside system goes through here: one place for the retries with backoff (Resilience4j
 * {@link Retry}, one instance per system, named by its tag), the circuit breaker (one per system), and the metric:
 * each request sent (and each one the open breaker refused) is timed as {@value #METRIC} with the tags {@code system}
 * ({@link OutsideSystem#tag()}), {@code operation} (e.g. {@code pay}) and {@code outcome} ({@link Outcome}).
 *
 * <p>An adapter hands over one attempt: it sends the request and either returns the answer or throws an
 * {@link OutsideCallFailure} naming the kind of technical failure. An {@link OutsideRefusal} is the outside system's
 * clear refusal of our input (e.g. an unknown capture token): recorded as {@code rejected}, never retried and not
 * counted by the breaker; any other exception is a technical error (kept by its class name only: an SDK's exception may
 * carry the request into logs and incidents). What may be sent again is the call's
 * {@link Retries}: an idempotent call after an error or when it never left, a call that is not idempotent only when it
 * never left; never after a timeout (that attempt has spent the time budget; the job's own retry comes later).
 */
@Component
public class OutsideCalls {

    public static final String METRIC = "bindflow.outside.calls";

    private static final Logger log = LoggerFactory.getLogger(OutsideCalls.class);

    /** The {@code outcome} tag. */
    public enum Outcome {
        /** the system answered, and the answer is what we asked for */
        SUCCESS,
        /** the system answered with a business refusal (a decline, a mismatch, an unknown token) */
        REJECTED,
        /** no answer in time */
        TIMEOUT,
        /** 5xx, malformed or wrongly signed answer, connection refused or reset */
        ERROR,
        /** the circuit breaker refused the call: nothing was sent */
        CIRCUIT_OPEN;

        public String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Which failures a call may be sent again after. */
    public enum Retries {
        /** idempotent (on our own request number, or read-only): again after an error or when it never left */
        IDEMPOTENT,
        /** not idempotent (an SMS): again only when it surely never left */
        ONLY_IF_NOT_SENT;

        boolean allow(OutsideCallFailure.Kind kind) {
            return switch (kind) {
                case NOT_SENT -> true;
                case ERROR -> this == IDEMPOTENT;
                case TIMEOUT, CIRCUIT_OPEN -> false;
            };
        }
    }

    /** One request to the outside system. */
    @FunctionalInterface
    public interface Attempt<T> {
        T send();
    }

    /**
     * The time budget of one port call (one job step), which may make several requests: no request starts after it
     * is spent, so a port call takes at most the budget plus one request's connect and read timeouts.
     */
    public static final class Budget {
        private final long deadline;

        private Budget(long deadline) {
            this.deadline = deadline;
        }

        boolean spent() {
            return System.nanoTime() - deadline >= 0;
        }
    }

    private final CircuitBreakerRegistry breakers;
    private final RetryRegistry retries;
    private final MeterRegistry meters;
    private final Duration operationBudget;

    public OutsideCalls(CircuitBreakerRegistry breakers, RetryRegistry retries, MeterRegistry meters,
                        @Value("${bindflow.outside.operation-budget:PT10S}") Duration operationBudget) {
        this.breakers = breakers;
        this.retries = retries;
        this.meters = meters;
        this.operationBudget = operationBudget;
    }

    /** A budget for a port call that makes several requests; starts now. */
    public Budget budget() {
        return new Budget(System.nanoTime() + operationBudget.toNanos());
    }

    /** A call whose every answer counts as success, with a budget of its own. */
    public <T> T call(OutsideSystem system, String operation, Retries policy, Attempt<T> attempt) {
        return call(budget(), system, operation, policy, answer -> false, attempt);
    }

    /** A call within {@code budget} whose every answer counts as success. */
    public <T> T call(Budget budget, OutsideSystem system, String operation, Retries policy, Attempt<T> attempt) {
        return call(budget, system, operation, policy, answer -> false, attempt);
    }

    /**
     * Sends the call (again as its retry policy allows, while {@code budget} lasts) through the system's breaker;
     * {@code rejected} tells which answers are business refusals (for the metric). Throws {@link OutsideCallFailure}
     * when it failed technically.
     */
    public <T> T call(Budget budget, OutsideSystem system, String operation, Retries policy,
                      Predicate<? super T> rejected, Attempt<T> attempt) {
        return call(budget, system, system.tag(), operation, policy, rejected, attempt);
    }

    /**
     * As {@link #call(Budget, OutsideSystem, String, Retries, Predicate, Attempt)}, through the circuit breaker named
     * {@code circuit} instead of the system's own: for calls that may fail on their own (an endpoint not confirmed
     * yet) without opening the breaker of the system's other calls.
     */
    public <T> T call(Budget budget, OutsideSystem system, String circuit, String operation, Retries policy,
                      Predicate<? super T> rejected, Attempt<T> attempt) {
        CircuitBreaker breaker = breakers.circuitBreaker(circuit);
        Retry retry = retries.retry(system.tag());
        Supplier<T> once = () -> {
            if (budget.spent()) {
                throw new OutsideCallFailure(system, OutsideCallFailure.Kind.NOT_SENT, operation
                        + ": the port call's time budget (" + operationBudget + ") is spent; not sent");
            }
            return CircuitBreaker.decorateSupplier(breaker, () -> timed(system, operation, policy, rejected, attempt)).get();
        };
        try {
            return Retry.decorateSupplier(retry, once).get();
        } catch (CallNotPermittedException open) {
            record(system, operation, Outcome.CIRCUIT_OPEN, 0);
            throw new OutsideCallFailure(system, OutsideCallFailure.Kind.CIRCUIT_OPEN,
                    operation + ": the circuit breaker is open after repeated failures; nothing was sent", open);
        }
    }

    private <T> T timed(OutsideSystem system, String operation, Retries policy, Predicate<? super T> rejected,
                        Attempt<T> attempt) {
        long start = System.nanoTime();
        try {
            T answer = attempt.send();
            record(system, operation, rejected.test(answer) ? Outcome.REJECTED : Outcome.SUCCESS, System.nanoTime() - start);
            return answer;
        } catch (OutsideCallFailure failure) {
            record(system, operation, failure.kind() == OutsideCallFailure.Kind.TIMEOUT ? Outcome.TIMEOUT : Outcome.ERROR,
                    System.nanoTime() - start);
            failure.retryable(policy.allow(failure.kind()));
            log.warn("{} {}: {} ({}){}", system.tag(), operation, failure.getMessage(), failure.kind(),
                    failure.retryable() ? ", may be sent again" : "");
            throw failure;
        } catch (OutsideRefusal refused) {
            record(system, operation, Outcome.REJECTED, System.nanoTime() - start);
            throw refused;
        } catch (RuntimeException unexpected) {
            record(system, operation, Outcome.ERROR, System.nanoTime() - start);
            // the class name only, no message and no cause: an SDK's exception may carry the request (headers, body)
            OutsideCallFailure failure = new OutsideCallFailure(system, OutsideCallFailure.Kind.ERROR,
                    operation + ": " + unexpected.getClass().getSimpleName());
            failure.retryable(policy.allow(failure.kind()));
            log.warn("{} {}: unexpected {}{}", system.tag(), operation, unexpected.getClass().getName(),
                    failure.retryable() ? ", may be sent again" : "");
            throw failure;
        }
    }

    private void record(OutsideSystem system, String operation, Outcome outcome, long nanos) {
        Timer.builder(METRIC)
                .description("calls to outside systems (each request sent, and each the open circuit breaker refused)")
                .tag("system", system.tag())
                .tag("operation", operation)
                .tag("outcome", outcome.tag())
                .register(meters)
                .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}
