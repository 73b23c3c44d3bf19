package com.bindflow.payment;

import com.bindflow.eligibility.DecisionTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;

/**
 * The latest deployed version of a decision table, parsed once and evaluated in memory: no database round trip
 * and no decision-history rows per evaluation (the caller records the outcome itself). Every {@code refresh} a
 * node asks the repository whether a newer version was deployed (an operator's change reaches every node within
 * that time). For synchronous decisions on the payment path; process-driven decisions keep the engine's service.
 */
public class DeployedDecisions implements DecisionTable {

    private final RepositoryService repository;
    private final DmnEngine dmn;
    private final long refreshNanos;
    private final Map<String, Parsed> byKey = new ConcurrentHashMap<>();

    private record Parsed(String definitionId, DmnDecision decision, long checkedAt) {
    }

    public DeployedDecisions(RepositoryService repository, DmnEngine dmn, Duration refresh) {
        this.repository = repository;
        this.dmn = dmn;
        this.refreshNanos = refresh.toNanos();
    }

    @Override
    public List<Map<String, Object>> evaluate(String decisionKey, Map<String, Object> variables) {
        return dmn.evaluateDecisionTable(current(decisionKey), variables).getResultList();
    }

    private DmnDecision current(String key) {
        Parsed parsed = byKey.get(key);
        long now = System.nanoTime();   // a cache's age, not business time
        if (parsed != null && now - parsed.checkedAt() < refreshNanos) {
            return parsed.decision();
        }
        return byKey.compute(key, (k, old) -> {
            if (old != null && System.nanoTime() - old.checkedAt() < refreshNanos) {
                return old;
            }
            DecisionDefinition latest = repository.createDecisionDefinitionQuery().decisionDefinitionKey(k)
                    .latestVersion().singleResult();
            if (latest == null) {
                throw new IllegalStateException("no decision '" + k + "' is deployed");
            }
            if (old != null && old.definitionId().equals(latest.getId())) {
                return new Parsed(old.definitionId(), old.decision(), System.nanoTime());
            }
            try (InputStream model = repository.getDecisionModel(latest.getId())) {
                return new Parsed(latest.getId(), dmn.parseDecision(k, model), System.nanoTime());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).decision();
    }
}
