package com.bindflow.risk;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ordered risk layers (SPEC §5). Layers run in the configured order; every layer that runs is recorded. A
 * DECLINE or FREEZE ends the run (later layers do not run); STEP_UPs add up and the run goes on. The outcome is the
 * most severe result.
 */
public class RiskPipeline {

    /** The gates: may be moved in the order, never switched off; also re-checked when a step-up is answered. */
    public static final Set<String> GATES = Set.of(RiskLayers.ACCOUNT_FROZEN, RiskLayers.BINDING_NOT_ACTIVE);

    private final List<RiskLayer> layers;

    public RiskPipeline(List<RiskLayer> layers) {
        this.layers = List.copyOf(layers);
    }

    /** The pipeline that the configuration describes; refuses unknown, repeated or missing-gate configurations. */
    public static RiskPipeline of(RiskProperties p) {
        Map<String, RiskLayer> enabled = new LinkedHashMap<>();
        enabled.put(RiskLayers.ACCOUNT_FROZEN, p.accountFrozen().enabled() ? new RiskLayers.AccountFrozen() : null);
        enabled.put(RiskLayers.BINDING_NOT_ACTIVE, p.bindingNotActive().enabled() ? new RiskLayers.BindingNotActive() : null);
        enabled.put(RiskLayers.BURST, p.burst().enabled() ? new RiskLayers.Burst(p.burst()) : null);
        enabled.put(RiskLayers.VELOCITY, p.velocity().enabled() ? new RiskLayers.Velocity(p.velocity()) : null);
        enabled.put(RiskLayers.UNUSUAL_CITY, p.unusualCity().enabled() ? new RiskLayers.UnusualCity(p.unusualCity()) : null);
        enabled.put(RiskLayers.NEW_BINDING, p.newBinding().enabled() ? new RiskLayers.NewBinding(p.newBinding()) : null);
        enabled.put(RiskLayers.NIGHT_TIME, p.nightTime().enabled() ? new RiskLayers.NightTime(p.nightTime()) : null);
        enabled.put(RiskLayers.AMOUNT_NEAR_LIMIT,
                p.amountNearLimit().enabled() ? new RiskLayers.AmountNearLimit(p.amountNearLimit()) : null);

        List<RiskLayer> ordered = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String name : p.order()) {
            if (!enabled.containsKey(name)) {
                throw new IllegalStateException("bindflow.risk.order names an unknown layer '" + name + "'; known: "
                        + enabled.keySet());
            }
            if (!seen.add(name)) {
                throw new IllegalStateException("bindflow.risk.order names layer '" + name + "' twice");
            }
            if (enabled.get(name) != null) {
                ordered.add(enabled.get(name));
            }
        }
        for (String gate : GATES) {
            if (!seen.contains(gate) || enabled.get(gate) == null) {
                throw new IllegalStateException("risk layer '" + gate + "' is a gate: it must be listed in "
                        + "bindflow.risk.order and enabled");
            }
        }
        return new RiskPipeline(ordered);
    }

    public List<String> layerNames() {
        return layers.stream().map(RiskLayer::name).toList();
    }

    public RiskEvaluation evaluate(RiskFacts facts) {
        return run(layers, facts);
    }

    /** Only the gates, in their configured order: the re-check when a step-up is answered. */
    public RiskEvaluation gates(RiskFacts facts) {
        return run(layers.stream().filter(l -> GATES.contains(l.name())).toList(), facts);
    }

    private static RiskEvaluation run(List<RiskLayer> layers, RiskFacts facts) {
        List<LayerResult> results = new ArrayList<>();
        RiskOutcome outcome = RiskOutcome.PASS;
        for (RiskLayer layer : layers) {
            LayerResult result = layer.evaluate(facts);
            results.add(result);
            outcome = outcome.max(result.outcome());
            if (result.outcome().ends()) {
                break;
            }
        }
        return new RiskEvaluation(outcome, results);
    }
}
