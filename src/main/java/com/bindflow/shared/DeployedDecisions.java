package com.bindflow.shared;

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
 * The latest deployed version of a decision table, parsed once per version and evaluated in memory: no decision
 * history rows (for rules read often whose caller records the outcome itself: fee quotes, payment limits). At most
 * every {@code refresh} a node asks the repository whether a newer version was deployed, so an operator's change
 * reaches every node within that time ({@link Duration#ZERO}: asked on every evaluation, the change applies at once).
 */
public final class DeployedDecisions implements DecisionTable {

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

    /** With the process engine's FEEL, asking for the latest version on every evaluation. */
    public DeployedDecisions(RepositoryService repository) {
        this(repository, DmnDecisions.defaultEngine(), Duration.ZERO);
    }

    @Override
    public List<Map<String, Object>> evaluate(String decisionKey, Map<String, Object> variables) {
        return dmn.evaluateDecisionTable(current(decisionKey), variables).getResultList();
    }

    private DmnDecision current(String key) {
        Parsed parsed = byKey.get(key);
        if (parsed != null && fresh(parsed)) {
            return parsed.decision();
        }
        return byKey.compute(key, (k, old) -> {
            if (old != null && fresh(old)) {
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

    private boolean fresh(Parsed parsed) {
        return System.nanoTime() - parsed.checkedAt() < refreshNanos;   // a cache's age, not business time
    }
}
