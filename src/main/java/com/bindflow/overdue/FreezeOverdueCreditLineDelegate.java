package com.bindflow.overdue;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_FreezeCreditLine (WeChat channel; async, retried, idempotent): sets {@code lineFrozen}. */
@Component("freezeOverdueCreditLine")
public class FreezeOverdueCreditLineDelegate implements JavaDelegate {

    private final OverdueService overdue;

    public FreezeOverdueCreditLineDelegate(OverdueService overdue) {
        this.overdue = overdue;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(OverdueProcess.VAR_LINE_FROZEN,
                overdue.freezeCreditLine((String) execution.getVariable(OverdueProcess.VAR_CASE_ID)));
    }
}
