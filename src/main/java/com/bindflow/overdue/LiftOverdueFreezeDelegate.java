package com.bindflow.overdue;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_LiftOverdueFreeze (async, retried, idempotent): lifts this case's freeze, no other. */
@Component("liftOverdueFreeze")
public class LiftOverdueFreezeDelegate implements JavaDelegate {

    private final OverdueService overdue;

    public LiftOverdueFreezeDelegate(OverdueService overdue) {
        this.overdue = overdue;
    }

    @Override
    public void execute(DelegateExecution execution) {
        overdue.liftFreeze((String) execution.getVariable(OverdueProcess.VAR_CASE_ID));
    }
}
