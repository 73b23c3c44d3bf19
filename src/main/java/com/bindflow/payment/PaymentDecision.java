package com.bindflow.payment;

import com.bindflow.risk.RiskEvaluation;
import com.bindflow.risk.RiskFacts;
import com.bindflow.risk.RiskOutcome;
import com.bindflow.risk.RiskPipeline;
import java.util.List;

/**
 * The decision on a payment from its facts and nothing else (no reads, no writes, no clock): the risk layers first — a
 * FREEZE or a DECLINE ends it (FROZEN, DECLINED) — then the limits of {@code payment-limits.dmn} (any broken: DECLINED
 * with every broken limit), then a STEP_UP of the layers (STEP_UP_REQUIRED), else APPROVED. After a passed face
 * (step-up) the gates run again instead of every layer, then the limits.
 */
public class PaymentDecision {

    private final RiskPipeline risk;
    private final PaymentLimits limits;

    public PaymentDecision(RiskPipeline risk, PaymentLimits limits) {
        this.risk = risk;
        this.limits = limits;
    }

    /** A decision, its reasons, and the risk evaluation it rests on (recorded with the authorization). */
    public record Verdict(Decision decision, List<String> reasons, RiskEvaluation evaluation) {
    }

    /** A new payment. */
    public Verdict decide(RiskFacts riskFacts, PaymentLimits.Facts limitFacts) {
        RiskEvaluation evaluation = risk.evaluate(riskFacts);
        return switch (evaluation.outcome()) {
            case FREEZE -> new Verdict(Decision.FROZEN, evaluation.reasons(RiskOutcome.FREEZE), evaluation);
            case DECLINE -> new Verdict(Decision.DECLINED, evaluation.reasons(RiskOutcome.DECLINE), evaluation);
            default -> {
                List<String> broken = limits.violations(limitFacts);
                if (!broken.isEmpty()) {
                    yield new Verdict(Decision.DECLINED, broken, evaluation);
                }
                yield evaluation.outcome() == RiskOutcome.STEP_UP
                        ? new Verdict(Decision.STEP_UP_REQUIRED, evaluation.reasons(RiskOutcome.STEP_UP), evaluation)
                        : new Verdict(Decision.APPROVED, List.of(), evaluation);
            }
        };
    }

    /** A step-up whose face passed: the gates (frozen, binding ACTIVE) and the limits again, as they are now. */
    public Verdict afterFace(RiskFacts riskFacts, PaymentLimits.Facts limitFacts) {
        RiskEvaluation gates = risk.gates(riskFacts);
        if (gates.outcome() == RiskOutcome.FREEZE || gates.outcome() == RiskOutcome.DECLINE) {
            return new Verdict(gates.outcome() == RiskOutcome.FREEZE ? Decision.FROZEN : Decision.DECLINED,
                    gates.reasons(gates.outcome()), gates);
        }
        List<String> broken = limits.violations(limitFacts);
        return broken.isEmpty() ? new Verdict(Decision.APPROVED, List.of(), gates)
                : new Verdict(Decision.DECLINED, broken, gates);
    }
}
