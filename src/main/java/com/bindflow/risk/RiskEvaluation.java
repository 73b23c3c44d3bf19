package com.bindflow.risk;

import java.util.List;

/** The pipeline's verdict on one attempt: the most severe outcome and every layer that ran, in order. */
public record RiskEvaluation(RiskOutcome outcome, List<LayerResult> layers) {

    public RiskEvaluation {
        layers = List.copyOf(layers);
    }

    /** The reasons of the layers that gave exactly {@code outcome}, in pipeline order. */
    public List<String> reasons(RiskOutcome of) {
        return layers.stream().filter(l -> l.outcome() == of).map(LayerResult::reason).toList();
    }
}
