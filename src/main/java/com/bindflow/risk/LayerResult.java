package com.bindflow.risk;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One layer's verdict: its outcome, a machine-readable reason when it fired, and what it saw. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LayerResult(String layer, RiskOutcome outcome, String reason, String detail) {

    public static LayerResult pass(String layer) {
        return new LayerResult(layer, RiskOutcome.PASS, null, null);
    }

    public boolean fired() {
        return outcome != RiskOutcome.PASS;
    }
}
