package com.bindflow.payment;

import com.bindflow.risk.LayerResult;
import com.bindflow.risk.RiskOutcome;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One payment authorization attempt and its decision, as recorded. {@code createdAt} is when we decided (our clock),
 * {@code beijingDay} its Asia/Shanghai date; {@code riskLayers} are the layers that ran, in order, with their results.
 */
public record Authorization(String id, String clientId, String idempotencyKey, String requestHash, String userId,
                            String bindingId, Scenario scenario, BigDecimal amount, PayeeType payeeType, String payeeId,
                            String purpose, String city, Instant occurredAt, Instant createdAt, LocalDate beijingDay,
                            Decision decision, List<String> reasonCodes, RiskOutcome riskOutcome,
                            List<LayerResult> riskLayers, Instant stepUpExpiresAt, int faceAttempts, Instant decidedAt,
                            Instant reversedAt) {

    public Authorization {
        reasonCodes = reasonCodes == null ? List.of() : List.copyOf(reasonCodes);
        riskLayers = riskLayers == null ? List.of() : List.copyOf(riskLayers);
    }
}
