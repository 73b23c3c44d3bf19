package com.bindflow.eligibility;

import com.bindflow.security.BindflowGroups;

/** Ids of process {@code EligibilityCheck} (processes/EligibilityCheck.bpmn) and decision {@code eligibility}. */
public final class EligibilityProcess {

    public static final String PROCESS_ID = "EligibilityCheck";
    public static final String DECISION_ID = "eligibility";

    // elements
    public static final String START_EVENT = "StartEvent_EligibilityRequested";
    public static final String TASK_FETCH_ACCOUNT_FACTS = "Task_FetchAccountFacts";
    public static final String TASK_CHECK_IDENTITY = "Task_CheckIdentity";
    public static final String TASK_FETCH_WALLET_FACTS = "Task_FetchWalletFacts";
    public static final String TASK_DECIDE_ELIGIBILITY = "Task_DecideEligibility";
    public static final String GATEWAY_VERDICT = "Gateway_Verdict";
    public static final String END_EVENT_ELIGIBLE = "EndEvent_Eligible";
    public static final String END_EVENT_REJECTED = "EndEvent_Rejected";
    public static final String TASK_REVIEW = "Task_ReviewEligibility";
    public static final String TIMER_REVIEW_SLA = "Timer_ReviewSlaBreached";
    public static final String TASK_FOLLOW_UP = "Task_FollowUpReview";
    public static final String END_EVENT_FOLLOW_UP_DONE = "EndEvent_FollowUpDone";
    public static final String GATEWAY_REVIEW_DECISION = "Gateway_ReviewDecision";
    public static final String END_EVENT_REVIEW_APPROVED = "EndEvent_ReviewApproved";
    public static final String END_EVENT_REVIEW_REJECTED = "EndEvent_ReviewRejected";

    // groups
    public static final String GROUP_REVIEWERS = BindflowGroups.ELIGIBILITY_REVIEWERS;
    public static final String GROUP_CUSTOMER_SERVICE = BindflowGroups.CUSTOMER_SERVICE;

    // variables
    public static final String VAR_VERDICT = "eligibilityVerdict";
    public static final String VAR_REASONS = "eligibilityReasons";
    public static final String VAR_MESSAGE = "eligibilityMessage";
    public static final String VAR_REVIEW_DUE_AT = "reviewDueAt";
    /** The facts the three fetches gathered, one JSON object ({@link GatheredFacts}). */
    public static final String VAR_FACTS = "eligibilityFacts";
    public static final String VAR_REVIEW_DECISION = "reviewDecision";
    public static final String VAR_REVIEW_REASON = "reviewReason";
    public static final String VAR_FOLLOW_UP_OUTCOME = "followUpOutcome";
    public static final String VAR_FOLLOW_UP_NOTE = "followUpNote";

    private EligibilityProcess() {
    }
}
