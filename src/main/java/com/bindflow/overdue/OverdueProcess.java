package com.bindflow.overdue;

/** Ids of process {@code Overdue} (processes/Overdue.bpmn): an overdue amount, its daily penalty, its repayment. */
public final class OverdueProcess {

    public static final String PROCESS_ID = "Overdue";

    // messages (names) the service correlates
    /** The case is repaid in full (principal and penalty), correlated in the repayment's transaction. */
    public static final String MESSAGE_OVERDUE_SETTLED = "OverdueSettled";

    // elements
    public static final String START_EVENT_REPORTED = "StartEvent_OverdueReported";
    public static final String GATEWAY_WECHAT_CHANNEL = "Gateway_WeChatChannel";
    public static final String TASK_FREEZE_CREDIT_LINE = "Task_FreezeCreditLine";
    public static final String GATEWAY_JOIN_ACCRUAL = "Gateway_JoinAccrual";
    public static final String TASK_ACCRUE_PENALTY = "Task_AccruePenalty";
    public static final String GATEWAY_REPAID_IN_FULL = "Gateway_RepaidInFull";
    public static final String GATEWAY_AWAIT_REPAYMENT = "Gateway_AwaitRepaymentOrNextDay";
    public static final String EVENT_OVERDUE_SETTLED = "Event_OverdueSettled";
    public static final String TIMER_NEXT_DAY = "Timer_NextDay";
    public static final String GATEWAY_JOIN_SETTLED = "Gateway_JoinSettled";
    public static final String GATEWAY_FROZE_LINE = "Gateway_FrozeLine";
    public static final String TASK_LIFT_OVERDUE_FREEZE = "Task_LiftOverdueFreeze";
    public static final String END_EVENT_SETTLED_FREEZE_LIFTED = "EndEvent_SettledFreezeLifted";
    public static final String END_EVENT_SETTLED = "EndEvent_Settled";

    // variables
    public static final String VAR_CASE_ID = "caseId";
    public static final String VAR_USER_ID = "userId";
    public static final String VAR_CHANNEL = "channel";
    /** Set by Task_FreezeCreditLine: whether this case froze the credit line (false until then, and on JD_APP). */
    public static final String VAR_LINE_FROZEN = "lineFrozen";
    /** Set by Task_AccruePenalty: whether the case is repaid in full. */
    public static final String VAR_SETTLED = "settled";

    private OverdueProcess() {
    }
}
