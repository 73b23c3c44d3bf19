package com.bindflow.payment;

import com.bindflow.risk.LayerResult;
import com.bindflow.risk.RiskOutcome;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An authorization as the REST API shows it: the decision with its reasons, and the risk evaluation — every layer
 * that ran, in order, with its outcome ({@code fired}: the ones that did not pass).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuthorizationView(String id, String userId, String bindingId, Scenario scenario, BigDecimal amount,
                                Payee payee, String purpose, String city, Instant occurredAt, Instant createdAt,
                                Decision decision, List<Reason> reasons, Instant decidedAt, StepUp stepUp,
                                Instant reversedAt, Risk risk, List<String> nextSteps) {

    public record Payee(PayeeType type, String id) {
    }

    public record Reason(String code, String message) {
    }

    public record StepUp(Instant expiresAt, int faceAttempts) {
    }

    public record Risk(RiskOutcome outcome, List<String> fired, List<LayerResult> layers) {
    }

    public static AuthorizationView of(Authorization a) {
        String base = "/api/payments/authorizations/" + a.id();
        List<String> next = a.decision() == Decision.STEP_UP_REQUIRED ? List.of("POST " + base + "/face")
                : a.decision() == Decision.APPROVED && a.reversedAt() == null ? List.of("POST " + base + "/reversal") : List.of();
        return new AuthorizationView(a.id(), a.userId(), a.bindingId(), a.scenario(), a.amount(),
                new Payee(a.payeeType(), a.payeeId()), a.purpose(), a.city(), a.occurredAt(), a.createdAt(), a.decision(),
                a.reasonCodes().stream().map(c -> new Reason(c, PaymentReason.messageOf(c))).toList(), a.decidedAt(),
                a.stepUpExpiresAt() == null ? null : new StepUp(a.stepUpExpiresAt(), a.faceAttempts()), a.reversedAt(),
                new Risk(a.riskOutcome(), a.riskLayers().stream().filter(LayerResult::fired).map(LayerResult::layer).toList(),
                        a.riskLayers()), next);
    }
}
