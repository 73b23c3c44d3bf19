package com.bindflow.payment;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** One authorization request as the service takes it (validated by the REST layer; amounts in yuan). */
public record PaymentRequest(String userId, Scenario scenario, BigDecimal amount, PayeeType payeeType, String payeeId,
                             String purpose, String city, Instant occurredAt) {

    /** A fingerprint of the request: the same Idempotency-Key with another body is refused. */
    public String hash() {
        String canonical = String.join("\n", userId, scenario.name(), amount.setScale(2).toPlainString(), payeeType.name(),
                payeeId, purpose == null ? "" : purpose, city, occurredAt.toString());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
