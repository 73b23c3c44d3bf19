package com.bindflow.eligibility;

import com.bindflow.binding.ReasonCode;
import java.util.Date;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_DecideEligibility: the verdict of decision table {@code eligibility} on the gathered facts. For REVIEW it
 * also fixes when the review is due, so the task's due date and its escalation timer read the same instant, and
 * gives every fact a variable of its own for the reviewer's form.
 */
@Component("decideEligibility")
public class DecideEligibilityDelegate implements JavaDelegate {

    private final EligibilityService eligibility;

    public DecideEligibilityDelegate(EligibilityService eligibility) {
        this.eligibility = eligibility;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Verdict verdict = eligibility.decide(EligibilityFacts.fromVariables(GatheredFacts.of(execution)));
        execution.setVariable(EligibilityProcess.VAR_VERDICT, verdict.outcome().name());
        execution.setVariable(EligibilityProcess.VAR_REASONS, String.join(",", verdict.reasons()));
        execution.setVariable(EligibilityProcess.VAR_MESSAGE, verdict.reasons().stream()
                .map(code -> ReasonCode.of(code).map(ReasonCode::message).orElse(code))
                .collect(Collectors.joining(" ")));
        if (verdict.outcome() == Verdict.Outcome.REVIEW) {
            GatheredFacts.spread(execution);   // the review form shows them
            execution.setVariable(EligibilityProcess.VAR_REVIEW_DUE_AT,
                    Date.from(eligibility.reviewDueFrom(eligibility.now())));
        }
    }
}
