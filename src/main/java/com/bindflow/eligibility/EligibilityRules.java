package com.bindflow.eligibility;

import com.bindflow.shared.DecisionTable;
import java.util.List;

/** Decides eligibility from the gathered facts with decision table {@code eligibility} (processes/eligibility.dmn). */
public class EligibilityRules {

    private final DecisionTable table;

    public EligibilityRules(DecisionTable table) {
        this.table = table;
    }

    public Verdict decide(EligibilityFacts facts) {
        List<Verdict.Finding> findings = table.evaluate(EligibilityProcess.DECISION_ID, facts.asVariables()).stream()
                .map(row -> new Verdict.Finding((String) row.get("outcome"), (String) row.get("reasonCode")))
                .toList();
        return Verdict.of(findings);
    }
}
