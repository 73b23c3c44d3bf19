package com.bindflow.reports;

import com.bindflow.payment.Scenario;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The payment failure rate of a period (SPEC §7; the seed: ≈ 3.7%): the answer of {@code GET /api/reports/payments}.
 * Authorizations are counted by their creation time.
 *
 * @param all        every scenario together
 * @param byScenario each of the five scenarios, always all five, in their order
 */
public record PaymentFailureReport(BindingFunnel.Period period, Instant generatedAt, Figures all,
                                   Map<Scenario, Figures> byScenario) {

    /**
     * @param attempts          authorizations created in the period, and attempts that failed technically (each attempt
     *                          once; idempotent replays are not attempts)
     * @param technicalFailures attempts an outside system's failure stopped (answered 503, no decision)
     * @param failed            declined + frozen + technical failures: every payment that did not go through
     * @param pendingStepUp  still waiting for the customer's face (within their 5 minutes): not yet decided
     * @param failureRate    failed / (attempts − pendingStepUp), 4 places HALF_UP; null when nothing was decided
     * @param failedByReason the refused ones by their first reason, most frequent first; {@code rate} is the share of
     *                       decided attempts, so the reasons' rates add up to the failure rate (up to rounding)
     */
    public record Figures(long attempts, long approved, long declined, long frozen, long technicalFailures, long failed,
                          long pendingStepUp,
                          @JsonInclude(JsonInclude.Include.ALWAYS) String failureRate, List<ReasonCount> failedByReason) {
    }

    public record ReasonCount(String reason, long count, String rate) {
    }
}
