package com.bindflow.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * The port through which payments ask the binding side about a customer's Baitiao payment method in WeChat Pay: the
 * binding in progress or ACTIVE, if any, and whether it is active. The binding side provides it; payments never read
 * binding tables.
 */
public interface CustomerBindings {

    /** The customer's binding in progress or ACTIVE (at most one), empty when there is none. */
    Optional<CustomerBinding> openBindingOf(String userId);

    /**
     * @param status            the binding's status (e.g. ACTIVE, AWAITING_OTP), as the risk layers report it
     * @param activatedAt       when it became ACTIVE, null if it has not
     * @param perTransactionCap the customer's own cap per payment (yuan), null for none
     */
    record CustomerBinding(String bindingId, String status, Instant activatedAt, BigDecimal perTransactionCap) {

        public static final String ACTIVE = "ACTIVE";

        public boolean active() {
            return ACTIVE.equals(status);
        }
    }
}
