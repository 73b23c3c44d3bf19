package com.bindflow.unfreeze;

import com.bindflow.shared.ReviewDecision;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * On completing Task_ReviewTravelProof or Task_EscalatedReview: APPROVE or REJECT with a reason
 * ({@link ReviewDecision}), recorded on the proof. A rejection's reason is shown with the customer's next proof.
 */
@Component("unfreezeDecisionCheck")
public class UnfreezeDecisionListener implements TaskListener {

    private final UnfreezeService unfreeze;

    public UnfreezeDecisionListener(UnfreezeService unfreeze) {
        this.unfreeze = unfreeze;
    }

    @Override
    public void notify(DelegateTask task) {
        ReviewDecision decision = ReviewDecision.of(task, UnfreezeProcess.VAR_REVIEW_DECISION, UnfreezeProcess.VAR_REVIEW_REASON);
        Instant proofDue = unfreeze.decided((String) task.getVariable(UnfreezeProcess.VAR_CASE_ID),
                (String) task.getVariable(UnfreezeProcess.VAR_REQUEST_ID), decision);
        if (proofDue != null) {
            // rejected: the wait for a new proof (Timer_NoProofIn30Days) counts from now
            task.getExecution().setVariable(UnfreezeProcess.VAR_PROOF_DUE_AT, Date.from(proofDue));
            task.getExecution().setVariable(UnfreezeProcess.VAR_PREVIOUS_REJECTION, decision.reason());
        }
    }
}
