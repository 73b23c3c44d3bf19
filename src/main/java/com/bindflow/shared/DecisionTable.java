package com.bindflow.shared;

import java.util.List;
import java.util.Map;

/**
 * A DMN decision evaluated on some variables: the matched rows' outputs. The engine's decision service (with decision
 * history, e.g. eligibility), the latest deployed model without history ({@link DeployedDecisions}), or a DMN file
 * parsed by a bare DMN engine ({@link DmnDecisions}, unit tests).
 */
@FunctionalInterface
public interface DecisionTable {

    List<Map<String, Object>> evaluate(String decisionKey, Map<String, Object> variables);
}
