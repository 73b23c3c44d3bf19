package com.bindflow.freeze;

/**
 * Freezes of a customer's whole Baitiao credit line, on every channel (SPEC.md section 5). The account is frozen while
 * any freeze of the user is not lifted. Implemented by {@link CreditLineFreezeService}, which also lifts freezes.
 */
public interface CreditLineFreezes {

    boolean isFrozen(String userId);

    /** Idempotent per (userId, cause, evidenceRef). RISK freezes start the Unfreeze review process. */
    void freeze(String userId, FreezeCause cause, String reason, String evidenceRef);

    /** When the user's last freeze of this cause was lifted; empty when none was. */
    java.util.Optional<java.time.Instant> lastLifted(String userId, FreezeCause cause);
}
