package com.bindflow.binding;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Writes the binding's public status as the process enters a waiting step or an end event, in the same
 * transaction as that process step. Called from execution listeners in the BPMN, e.g.
 * {@code ${bindingStatus.enter(execution, 'AWAITING_AGREEMENT')}}.
 */
@Component("bindingStatus")
public class BindingStatusListener {

    private final BindingRepository bindings;
    private final Clock clock;

    public BindingStatusListener(BindingRepository bindings, Clock clock) {
        this.bindings = bindings;
        this.clock = clock;
    }

    /** The binding waits in this (non-final) status. */
    public void enter(DelegateExecution execution, String status) {
        change(execution, BindingStatus.valueOf(status), List.of(), null);
    }

    /** The binding ends in this status for this reason (one of {@link ReasonCode}). */
    public void end(DelegateExecution execution, String status, String reasonCode) {
        ReasonCode reason = ReasonCode.valueOf(reasonCode);
        change(execution, BindingStatus.valueOf(status), List.of(reason.name()), reason.message());
    }

    /**
     * A reviewer must decide (EligibilityCheck's review task starts): UNDER_REVIEW with why, and when the review is due.
     */
    public void underReview(DelegateExecution execution) {
        String bindingId = (String) execution.getVariable(BindingProcess.VAR_BINDING_ID);
        List<String> reasons = eligibilityReasons(execution);
        change(execution, BindingStatus.UNDER_REVIEW, reasons, (String) execution.getVariable("eligibilityMessage"));
        bindings.recordReviewDue(bindingId, ((java.util.Date) execution.getVariable("reviewDueAt")).toInstant());
    }

    /**
     * The binding will end REJECTED with the reasons the eligibility check gave (a comma-separated list of codes in
     * {@code eligibilityReasons}, and the reviewer's words in {@code eligibilityMessage} after a manual review), once
     * WeChat's binding request (wallet entry) is refused: read by {@link #endWithOutcome}.
     */
    public void rejectedOutcome(DelegateExecution execution) {
        execution.setVariable(BindingProcess.VAR_END_STATUS, BindingStatus.REJECTED.name());
        execution.setVariable(BindingProcess.VAR_END_REASON, null);
    }

    /**
     * Decides how the binding will end once what was done at WeChat is undone: {@code bindingEndStatus} and
     * {@code bindingEndReason}, read by {@link #endWithOutcome} after the undo.
     */
    public void outcome(DelegateExecution execution, String status, String reasonCode) {
        BindingStatus.valueOf(status);
        ReasonCode.valueOf(reasonCode);
        execution.setVariable(BindingProcess.VAR_END_STATUS, status);
        execution.setVariable(BindingProcess.VAR_END_REASON, reasonCode);
    }

    /** The undo starts: UNDOING, with the reasons the binding will end for. */
    public void undoing(DelegateExecution execution) {
        Outcome outcome = outcome(execution);
        change(execution, BindingStatus.UNDOING, outcome.codes(), outcome.message());
    }

    /**
     * The binding ends as {@link #outcome} (or {@link #rejectedOutcome}) decided, saying what the undo did (request
     * refused, authorization revoked, test payment refunded).
     */
    public void endWithOutcome(DelegateExecution execution) {
        Outcome outcome = outcome(execution);
        List<String> codes = new ArrayList<>(outcome.codes());
        List<String> messages = new ArrayList<>();
        if (outcome.message() != null) {
            messages.add(outcome.message());
        }
        undoReason(execution, BindingProcess.VAR_WECHAT_REQUEST_REFUSED, ReasonCode.WECHAT_REQUEST_REFUSED, codes, messages);
        undoReason(execution, BindingProcess.VAR_AUTHORIZATION_REVOKED, ReasonCode.WECHAT_AUTHORIZATION_REVOKED, codes, messages);
        undoReason(execution, BindingProcess.VAR_TEST_PAYMENT_REFUNDED, ReasonCode.TEST_PAYMENT_REFUNDED, codes, messages);
        change(execution, BindingStatus.valueOf((String) execution.getVariable(BindingProcess.VAR_END_STATUS)), codes,
                messages.isEmpty() ? null : String.join(" ", messages));
    }

    private record Outcome(List<String> codes, String message) {
    }

    /** The reasons the binding ends for: the eligibility check's for a rejection, else the one reason decided. */
    private static Outcome outcome(DelegateExecution execution) {
        if (BindingStatus.REJECTED.name().equals(execution.getVariable(BindingProcess.VAR_END_STATUS))) {
            return new Outcome(eligibilityReasons(execution), (String) execution.getVariable("eligibilityMessage"));
        }
        ReasonCode reason = ReasonCode.valueOf((String) execution.getVariable(BindingProcess.VAR_END_REASON));
        return new Outcome(List.of(reason.name()), reason.message());
    }

    private static void undoReason(DelegateExecution execution, String variable, ReasonCode reason, List<String> codes,
                                   List<String> messages) {
        if (Boolean.TRUE.equals(execution.getVariable(variable))) {
            codes.add(reason.name());
            messages.add(reason.message());
        }
    }

    /** The test payment went through and was refunded: the binding is ACTIVE. */
    public void activate(DelegateExecution execution) {
        change(execution, BindingStatus.ACTIVE, List.of(), null);
        bindings.recordActivation((String) execution.getVariable(BindingProcess.VAR_BINDING_ID), clock.instant());
    }

    private static List<String> eligibilityReasons(DelegateExecution execution) {
        return BindingRepository.split((String) execution.getVariable("eligibilityReasons"));
    }

    private void change(DelegateExecution execution, BindingStatus status, List<String> reasons, String message) {
        String bindingId = (String) execution.getVariable(BindingProcess.VAR_BINDING_ID);
        bindings.changeStatus(bindingId, status, reasons, message, clock.instant());
    }
}
