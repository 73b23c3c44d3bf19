package com.bindflow.binding;

/** Ids of process {@code Unbinding} (processes/Unbinding.bpmn). */
public final class UnbindingProcess {

    public static final String PROCESS_ID = "Unbinding";
    public static final String TASK_REVOKE_AUTHORIZATION = "Task_RevokeAuthorization";
    public static final String END_EVENT_UNBOUND = "EndEvent_Unbound";
    public static final String VAR_UNBIND_REASON = "unbindReason";

    private UnbindingProcess() {
    }
}
