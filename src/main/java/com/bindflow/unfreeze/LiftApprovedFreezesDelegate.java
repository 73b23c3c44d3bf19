package com.bindflow.unfreeze;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_LiftFreeze (async, retried, idempotent): lifts the RISK freezes the approved proof covers; the case ends
 * UNFROZEN.
 */
@Component("liftApprovedFreezes")
public class LiftApprovedFreezesDelegate implements JavaDelegate {

    private final UnfreezeService unfreeze;

    public LiftApprovedFreezesDelegate(UnfreezeService unfreeze) {
        this.unfreeze = unfreeze;
    }

    @Override
    public void execute(DelegateExecution execution) {
        unfreeze.liftApproved((String) execution.getVariable(UnfreezeProcess.VAR_CASE_ID),
                (String) execution.getVariable(UnfreezeProcess.VAR_REQUEST_ID));
    }
}
