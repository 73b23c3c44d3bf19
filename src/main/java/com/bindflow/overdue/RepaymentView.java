package com.bindflow.overdue;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A repayment: how it split (penalty first, then principal) and what the case still owed just after it
 * ({@code settled}: nothing). The same for a replayed request.
 */
public record RepaymentView(String id, String overdueId, BigDecimal amount, BigDecimal penaltyPart, BigDecimal principalPart,
                            BigDecimal principalOutstanding, BigDecimal penaltyOutstanding, boolean settled,
                            Instant receivedAt) {

    public static RepaymentView of(Repayment r) {
        return new RepaymentView(r.id(), r.caseId(), r.amount(), r.penaltyPart(), r.principalPart(), r.principalAfter(),
                r.penaltyAfter(), r.settled(), r.receivedAt());
    }
}
