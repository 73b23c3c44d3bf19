package com.bindflow.binding;

/** Ids of process {@code BindingUndo} (processes/BindingUndo.bpmn), called when a binding fails or is cancelled. */
public final class BindingUndoProcess {

    public static final String PROCESS_ID = "BindingUndo";
    public static final String TASK_REFUSE_WECHAT_REQUEST = "Task_RefuseWeChatRequest";
    public static final String TASK_REFUND_TEST_PAYMENT = "Task_RefundTestPayment";
    public static final String TASK_TERMINATE_AUTHORIZATION = "Task_TerminateAuthorization";
    public static final String END_EVENT_UNDONE = "EndEvent_Undone";

    private BindingUndoProcess() {
    }
}
