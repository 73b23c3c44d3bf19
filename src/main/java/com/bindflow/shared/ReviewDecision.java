package com.bindflow.shared;

import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * A reviewer's decision on a user task: APPROVE or REJECT, and a reason (1 to 500 characters) that a rejection needs
 * and an approval may have. The forms ask for the reason only when rejecting; this also guards completions through the
 * REST API, so a task completed without them stays open, with a message that names the missing field (Tasklist shows
 * it).
 *
 * @param reason    the reason, stripped; null for an approval without one
 * @param decidedBy the task's assignee, else the authenticated user completing it, else null
 */
public record ReviewDecision(boolean approved, String reason, String decidedBy) {

    public static final int MAX_REASON_LENGTH = 500;

    /** Reads and checks the decision of a task being completed; throws IllegalArgumentException when it is not one. */
    public static ReviewDecision of(DelegateTask task, String decisionVariable, String reasonVariable) {
        Object decision = task.getVariable(decisionVariable);
        Object reason = task.getVariable(reasonVariable);
        if (!"APPROVE".equals(decision) && !"REJECT".equals(decision)) {
            throw new IllegalArgumentException("Decision (" + decisionVariable + ") must be APPROVE or REJECT, not " + decision);
        }
        boolean approved = "APPROVE".equals(decision);
        String text = reason instanceof String given && !given.isBlank() ? given.strip() : null;
        if (reason != null && !(reason instanceof String)) {
            throw new IllegalArgumentException("Reason for rejecting (" + reasonVariable + ") must be text");
        }
        if (text == null && !approved) {
            throw new IllegalArgumentException("Reason for rejecting (" + reasonVariable
                    + ") is required when rejecting: say why, in words the customer understands");
        }
        if (text != null && text.length() > MAX_REASON_LENGTH) {
            throw new IllegalArgumentException("Reason for rejecting (" + reasonVariable + ") must be at most "
                    + MAX_REASON_LENGTH + " characters");
        }
        String decidedBy = task.getAssignee();
        if (decidedBy == null && task.getProcessEngineServices().getIdentityService().getCurrentAuthentication() != null) {
            decidedBy = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication().getUserId();
        }
        return new ReviewDecision(approved, text, decidedBy);
    }
}
