package com.bindflow.risk;

/** What one risk layer says about a payment, from harmless to severe; the pipeline's outcome is the most severe. */
public enum RiskOutcome {
    /** nothing to object */
    PASS,
    /** the customer must confirm with face recognition before the payment proceeds */
    STEP_UP,
    /** refuse this payment */
    DECLINE,
    /** refuse this payment and freeze the credit line */
    FREEZE;

    /** DECLINE and FREEZE end the pipeline: later layers do not run. */
    public boolean ends() {
        return this == DECLINE || this == FREEZE;
    }

    public RiskOutcome max(RiskOutcome other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
