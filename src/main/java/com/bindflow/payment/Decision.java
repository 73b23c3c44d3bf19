package com.bindflow.payment;

/** An authorization's decision. STEP_UP_REQUIRED becomes APPROVED or DECLINED with the customer's face (5 minutes). */
public enum Decision {
    APPROVED, DECLINED, STEP_UP_REQUIRED, FROZEN;

    /** Refused: what the failure rate counts. */
    public boolean refused() {
        return this == DECLINED || this == FROZEN;
    }
}
