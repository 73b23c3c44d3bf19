package com.bindflow.eligibility;

import com.bindflow.binding.ReasonCode;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * On completing Task_ReviewEligibility: the reviewer must decide APPROVE or REJECT and give a reason (the form
 * asks for both; this also guards completions through the REST API). The decision becomes the verdict.
 */
@Component("reviewDecisionCheck")
public class ReviewDecisionListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        Object decision = task.getVariable(EligibilityProcess.VAR_REVIEW_DECISION);
        Object reason = task.getVariable(EligibilityProcess.VAR_REVIEW_REASON);
        if (!"APPROVE".equals(decision) && !"REJECT".equals(decision)) {
            throw new IllegalArgumentException("reviewDecision must be APPROVE or REJECT, not " + decision);
        }
        if (!(reason instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException("reviewReason is required: say why");
        }
        boolean approved = "APPROVE".equals(decision);
        task.getExecution().setVariable(EligibilityProcess.VAR_VERDICT, approved ? "ELIGIBLE" : "REJECTED");
        task.getExecution().setVariable(EligibilityProcess.VAR_REASONS,
                approved ? "" : ReasonCode.REVIEW_REJECTED.name());
        task.getExecution().setVariable(EligibilityProcess.VAR_MESSAGE,
                approved ? text.strip() : ReasonCode.REVIEW_REJECTED.message() + " " + text.strip());
    }
}
