package com.bindflow.shared;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;

/**
 * The decisions of one DMN file, parsed once and evaluated by a bare DMN engine (FEEL, as the process engine's):
 * nothing is written anywhere. Immutable, thread-safe.
 */
public final class DmnDecisions implements DecisionTable {

    private static final DmnEngine DMN = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

    private final Map<String, DmnDecision> byKey;

    private DmnDecisions(List<DmnDecision> decisions) {
        this.byKey = decisions.stream().collect(Collectors.toUnmodifiableMap(DmnDecision::getKey, Function.identity()));
    }

    /** The bare DMN engine with the process engine's FEEL. */
    public static DmnEngine defaultEngine() {
        return DMN;
    }

    /**
     * A DMN engine on Camunda's Java (legacy) FEEL, as the process engine evaluates decisions
     * ({@code dmnFeelEnableLegacyBehavior}): it compiles each unary test and input expression once and caches it (the
     * Scala FEEL parses them on every evaluation: ~0.4 ms a decision on the payment path). A table evaluated with it
     * uses only what both understand: comparisons, not(...), literals, lists, ranges, and input expressions of names,
     * +, comparison, and, != null. The payment limits are evaluated with it.
     */
    public static DmnEngine javaFeelEngine() {
        DefaultDmnEngineConfiguration configuration =
                (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        configuration.enableFeelLegacyBehavior(true);
        return configuration.buildEngine();
    }

    public static DmnDecisions parse(InputStream dmnXml) {
        try (dmnXml) {
            return new DmnDecisions(DMN.parseDecisions(dmnXml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A DMN file of the class path, e.g. {@code processes/fee-rate-card.dmn}. */
    public static DmnDecisions fromClasspath(String resource) {
        InputStream in = DmnDecisions.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalArgumentException("no " + resource + " on the class path");
        }
        return parse(in);
    }

    @Override
    public List<Map<String, Object>> evaluate(String decisionKey, Map<String, Object> variables) {
        DmnDecision decision = byKey.get(decisionKey);
        if (decision == null) {
            throw new IllegalArgumentException("no decision " + decisionKey + " in this DMN file");
        }
        return DMN.evaluateDecisionTable(decision, variables).getResultList();
    }
}
