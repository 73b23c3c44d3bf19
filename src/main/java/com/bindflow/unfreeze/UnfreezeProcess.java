package com.bindflow.unfreeze;

import com.bindflow.security.BindflowGroups;

/** Ids of process {@code Unfreeze} (processes/Unfreeze.bpmn): the review of a customer's travel proof. */
public final class UnfreezeProcess {

    public static final String PROCESS_ID = "Unfreeze";

    // messages (names) the REST layer correlates
    /** A proof for the open case, which waits for one. */
    public static final String MESSAGE_TRAVEL_PROOF_SUBMITTED = "TravelProofSubmitted";
    /** A proof from a customer who is still frozen for risk but has no open case (it closed without proof): a new case. */
    public static final String MESSAGE_PROOF_WITHOUT_OPEN_CASE = "TravelProofWithoutOpenCase";

    // elements
    public static final String START_EVENT_FROZEN = "StartEvent_Frozen";
    public static final String START_EVENT_PROOF_WITHOUT_OPEN_CASE = "StartEvent_ProofWithoutOpenCase";
    public static final String GATEWAY_AWAIT_PROOF = "Gateway_AwaitProof";
    public static final String EVENT_TRAVEL_PROOF_SUBMITTED = "Event_TravelProofSubmitted";
    public static final String TIMER_NO_PROOF = "Timer_NoProofIn30Days";
    public static final String END_EVENT_CLOSED_STILL_FROZEN = "EndEvent_ClosedStillFrozen";
    public static final String SUB_PROCESS_REVIEW = "SubProcess_Review";
    public static final String TASK_REVIEW = "Task_ReviewTravelProof";
    public static final String TIMER_REVIEW_SLA = "Timer_ReviewSlaBreached";
    public static final String TASK_ESCALATED_REVIEW = "Task_EscalatedReview";
    public static final String END_EVENT_REVIEWER_DECIDED = "EndEvent_ReviewerDecided";
    public static final String END_EVENT_SUPERVISOR_DECIDED = "EndEvent_SupervisorDecided";
    public static final String GATEWAY_REVIEW_DECISION = "Gateway_ReviewDecision";
    public static final String TASK_LIFT_FREEZE = "Task_LiftFreeze";
    public static final String END_EVENT_UNFROZEN = "EndEvent_Unfrozen";

    // groups
    public static final String GROUP_REVIEWERS = BindflowGroups.RISK_REVIEWERS;
    public static final String GROUP_SUPERVISORS = BindflowGroups.RISK_SUPERVISORS;

    // variables
    public static final String VAR_CASE_ID = "caseId";
    public static final String VAR_USER_ID = "userId";
    public static final String VAR_PROOF_DUE_AT = "proofDueAt";
    public static final String VAR_REQUEST_ID = "requestId";
    public static final String VAR_ATTEMPT = "attempt";
    public static final String VAR_REVIEW_DUE_AT = "reviewDueAt";
    public static final String VAR_REVIEW_DUE_TEXT = "reviewDueText";
    public static final String VAR_MASKED_NAME = "maskedName";
    public static final String VAR_MASKED_PHONE = "maskedPhone";
    public static final String VAR_FREEZE_EVIDENCE = "freezeEvidence";
    public static final String VAR_OTHER_FREEZES = "otherFreezes";
    public static final String VAR_TRIPS = "trips";
    public static final String VAR_DOCUMENT_REF = "documentRef";
    public static final String VAR_PREVIOUS_REJECTION = "previousRejection";
    public static final String VAR_REVIEW_DECISION = "reviewDecision";
    public static final String VAR_REVIEW_REASON = "reviewReason";

    private UnfreezeProcess() {
    }
}
