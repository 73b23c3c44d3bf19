package com.bindflow.risk;

/** One layer of the risk pipeline: looks at the facts of a payment attempt and gives PASS, STEP_UP, DECLINE or FREEZE. */
public interface RiskLayer {

    /** The layer's name in configuration ({@code bindflow.risk.order}) and in the stored evaluation. */
    String name();

    LayerResult evaluate(RiskFacts facts);

    default LayerResult pass() {
        return LayerResult.pass(name());
    }

    default LayerResult fire(RiskOutcome outcome, String reason, String detail) {
        return new LayerResult(name(), outcome, reason, detail);
    }
}
