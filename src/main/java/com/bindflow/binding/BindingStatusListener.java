package com.bindflow.binding;

import java.time.Clock;
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
     * The binding ends REJECTED with the reasons the eligibility check gave (a comma-separated list of codes in
     * {@code eligibilityReasons}, and the reviewer's words in {@code eligibilityMessage} after a manual review).
     */
    public void rejected(DelegateExecution execution) {
        List<String> reasons = eligibilityReasons(execution);
        String message = (String) execution.getVariable("eligibilityMessage");
        change(execution, BindingStatus.REJECTED, reasons, message);
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

    /** The undo starts: UNDOING, with the reason the binding will end for. */
    public void undoing(DelegateExecution execution) {
        ReasonCode reason = ReasonCode.valueOf((String) execution.getVariable(BindingProcess.VAR_END_REASON));
        change(execution, BindingStatus.UNDOING, List.of(reason.name()), reason.message());
    }

    /** The binding ends as {@link #outcome} decided, saying what the undo did (revoked, refunded). */
    public void endWithOutcome(DelegateExecution execution) {
        List<ReasonCode> reasons = new java.util.ArrayList<>();
        reasons.add(ReasonCode.valueOf((String) execution.getVariable(BindingProcess.VAR_END_REASON)));
        if (Boolean.TRUE.equals(execution.getVariable(BindingProcess.VAR_AUTHORIZATION_REVOKED))) {
            reasons.add(ReasonCode.WECHAT_AUTHORIZATION_REVOKED);
        }
        if (Boolean.TRUE.equals(execution.getVariable(BindingProcess.VAR_TEST_PAYMENT_REFUNDED))) {
            reasons.add(ReasonCode.TEST_PAYMENT_REFUNDED);
        }
        change(execution, BindingStatus.valueOf((String) execution.getVariable(BindingProcess.VAR_END_STATUS)),
                reasons.stream().map(ReasonCode::name).toList(),
                reasons.stream().map(ReasonCode::message).collect(java.util.stream.Collectors.joining(" ")));
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
