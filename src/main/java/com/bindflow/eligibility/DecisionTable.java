package com.bindflow.eligibility;

import java.util.List;
import java.util.Map;

/** A DMN decision evaluated on some variables: the matched rows' outputs. The engine's in production, a bare DMN engine in unit tests. */
@FunctionalInterface
public interface DecisionTable {

    List<Map<String, Object>> evaluate(String decisionKey, Map<String, Object> variables);
}
