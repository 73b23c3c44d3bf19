package com.bindflow.overdue;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_AccruePenalty (async, retried, idempotent): posts the penalty through today with the fee engine; sets
 * {@code settled}.
 */
@Component("accrueOverduePenalty")
public class AccrueOverduePenaltyDelegate implements JavaDelegate {

    private final OverdueService overdue;

    public AccrueOverduePenaltyDelegate(OverdueService overdue) {
        this.overdue = overdue;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(OverdueProcess.VAR_SETTLED,
                overdue.accrue((String) execution.getVariable(OverdueProcess.VAR_CASE_ID)));
    }
}
