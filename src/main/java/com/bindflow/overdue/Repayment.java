package com.bindflow.overdue;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A repayment of an overdue case, split penalty first, then principal; {@code principalAfter} and {@code penaltyAfter}
 * are what the case still owed just after it.
 */
public record Repayment(String id, String caseId, BigDecimal amount, BigDecimal penaltyPart, BigDecimal principalPart,
                        BigDecimal principalAfter, BigDecimal penaltyAfter, Instant receivedAt) {

    public boolean settled() {
        return principalAfter.signum() == 0 && penaltyAfter.signum() == 0;
    }
}
