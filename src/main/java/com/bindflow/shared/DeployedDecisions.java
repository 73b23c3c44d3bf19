package com.bindflow.shared;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;

/**
 * The latest deployed version of a decision, evaluated without decision history: for rules that are read often and
 * decide nothing worth an audit trail (fee quotes). Each evaluation asks the database which version is the latest,
 * so a redeployed table applies at once on every node; the parsed model of a version is kept (it never changes).
 */
public final class DeployedDecisions implements DecisionTable {

    private final RepositoryService repository;
    private final Map<String, DmnDecisions> parsedByDefinitionId = new ConcurrentHashMap<>();

    public DeployedDecisions(RepositoryService repository) {
        this.repository = repository;
    }

    @Override
    public List<Map<String, Object>> evaluate(String decisionKey, Map<String, Object> variables) {
        DecisionDefinition latest = repository.createDecisionDefinitionQuery().decisionDefinitionKey(decisionKey)
                .latestVersion().singleResult();
        if (latest == null) {
            throw new IllegalStateException("decision " + decisionKey + " is not deployed");
        }
        return parsedByDefinitionId
                .computeIfAbsent(latest.getId(), id -> DmnDecisions.parse(repository.getDecisionModel(id)))
                .evaluate(decisionKey, variables);
    }
}
