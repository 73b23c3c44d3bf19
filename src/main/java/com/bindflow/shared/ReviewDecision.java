package com.bindflow.shared;

import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * A reviewer's decision on a user task: APPROVE or REJECT, and a reason (1 to 500 characters). The forms ask for both;
 * this also guards completions through the REST API, so a task completed without them stays open.
 *
 * @param decidedBy the task's assignee, else the authenticated user completing it, else null
 */
public record ReviewDecision(boolean approved, String reason, String decidedBy) {

    public static final int MAX_REASON_LENGTH = 500;

    /** Reads and checks the decision of a task being completed; throws IllegalArgumentException when it is not one. */
    public static ReviewDecision of(DelegateTask task, String decisionVariable, String reasonVariable) {
        Object decision = task.getVariable(decisionVariable);
        Object reason = task.getVariable(reasonVariable);
        if (!"APPROVE".equals(decision) && !"REJECT".equals(decision)) {
            throw new IllegalArgumentException(decisionVariable + " must be APPROVE or REJECT, not " + decision);
        }
        if (!(reason instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException(reasonVariable + " is required: say why");
        }
        if (text.strip().length() > MAX_REASON_LENGTH) {
            throw new IllegalArgumentException(reasonVariable + " must be at most " + MAX_REASON_LENGTH + " characters");
        }
        String decidedBy = task.getAssignee();
        if (decidedBy == null && task.getProcessEngineServices().getIdentityService().getCurrentAuthentication() != null) {
            decidedBy = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication().getUserId();
        }
        return new ReviewDecision("APPROVE".equals(decision), text.strip(), decidedBy);
    }
}
