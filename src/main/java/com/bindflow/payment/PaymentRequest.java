package com.bindflow.payment;

import com.bindflow.shared.RequestHash;
import java.math.BigDecimal;
import java.time.Instant;

/** One authorization request as the service takes it (validated by the REST layer; amounts in yuan). */
public record PaymentRequest(String userId, Scenario scenario, BigDecimal amount, PayeeType payeeType, String payeeId,
                             String purpose, String city, Instant occurredAt) {

    /** A fingerprint of the request: the same Idempotency-Key with another body is refused. */
    public String hash() {
        return RequestHash.of(userId, scenario.name(), amount.setScale(2).toPlainString(), payeeType.name(), payeeId,
                purpose == null ? "" : purpose, city, occurredAt.toString());
    }
}
