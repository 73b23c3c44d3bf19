package com.bindflow.payment;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code bindflow.payment.decisions}: a timer of every new payment authorization's decision, from the request to the
 * committed answer, with a latency histogram (Prometheus buckets); tags {@code scenario}, {@code decision} (APPROVED,
 * DECLINED, STEP_UP_REQUIRED, FROZEN, or NO_DECISION when an outside system was down: the 503) and {@code reason} (the
 * first reason code, {@code none} without one). Replays of an Idempotency-Key are not counted.
 */
@Component
public class PaymentMetrics {

    public static final String DECISIONS = "bindflow.payment.decisions";
    static final String NO_DECISION = "NO_DECISION";

    private final MeterRegistry meters;

    public PaymentMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void decided(Scenario scenario, String decision, List<String> reasons, Duration took) {
        Timer.builder(DECISIONS).description("payment authorization decisions and how long they took")
                .tag("scenario", scenario == null ? "none" : scenario.name()).tag("decision", decision)
                .tag("reason", reasons == null || reasons.isEmpty() ? "none" : reasons.get(0))
                .publishPercentileHistogram().maximumExpectedValue(Duration.ofSeconds(30))
                .register(meters).record(took);
    }
}
