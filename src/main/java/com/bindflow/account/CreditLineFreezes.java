package com.bindflow.account;

public interface CreditLineFreezes {   // implemented by the other engineer as a Spring bean
    boolean isFrozen(String userId);
    /** Idempotent per (userId, cause, evidenceRef). RISK freezes start the Unfreeze review process. */
    void freeze(String userId, FreezeCause cause, String reason, String evidenceRef);
}
