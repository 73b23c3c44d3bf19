package com.bindflow.verification;

/**
 * Port to the SMS gateway (outside system). {@code messageId} is our idempotency key: the same id sent twice
 * reaches the phone once. Throws {@link com.bindflow.shared.OutsideSystemUnavailableException} on a technical failure.
 */
public interface SmsGateway {

    void send(String messageId, String userId, String phone, String text);
}
