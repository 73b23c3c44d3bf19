package com.bindflow.verification;

import java.util.Map;

/**
 * Port to the SMS gateway (outside system). {@code messageId} is our idempotency key: the same id sent twice
 * reaches the phone once. Throws {@link com.bindflow.shared.OutsideSystemUnavailableException} on a technical failure.
 */
public interface SmsGateway {

    void send(String messageId, String userId, String phone, Message message);

    /**
     * One message: its {@code text} as the customer reads it, and the values of the provider's template that holds
     * the same text ({@code templateParams}, e.g. {@code code}): a gateway sends one or the other.
     */
    record Message(String text, Map<String, String> templateParams) {
    }
}
