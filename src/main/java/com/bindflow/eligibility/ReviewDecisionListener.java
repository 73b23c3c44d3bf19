package com.bindflow.eligibility;

import com.bindflow.binding.ReasonCode;
import com.bindflow.shared.ReviewDecision;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * On completing Task_ReviewEligibility: the reviewer must decide APPROVE or REJECT, and give a reason when rejecting
 * ({@link ReviewDecision}). The decision becomes the verdict.
 */
@Component("reviewDecisionCheck")
public class ReviewDecisionListener implements TaskListener {

    /** The message of an approval without a reason of the reviewer's. */
    static final String APPROVED = "Approved in the eligibility review.";

    @Override
    public void notify(DelegateTask task) {
        ReviewDecision decision = ReviewDecision.of(task, EligibilityProcess.VAR_REVIEW_DECISION,
                EligibilityProcess.VAR_REVIEW_REASON);
        boolean approved = decision.approved();
        task.getExecution().setVariable(EligibilityProcess.VAR_VERDICT, approved ? "ELIGIBLE" : "REJECTED");
        task.getExecution().setVariable(EligibilityProcess.VAR_REASONS,
                approved ? "" : ReasonCode.REVIEW_REJECTED.name());
        task.getExecution().setVariable(EligibilityProcess.VAR_MESSAGE,
                approved ? (decision.reason() == null ? APPROVED : decision.reason())
                        : ReasonCode.REVIEW_REJECTED.message() + " " + decision.reason());
    }
}
