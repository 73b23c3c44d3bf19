package com.bindflow.overdue;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The delegates of Overdue.bpmn: each maps variables in and out and calls {@link OverdueService}. All three run as
 * async, retried jobs and are idempotent (a job may run twice).
 */
@Configuration(proxyBeanMethods = false)
public class OverdueDelegates {

    private static String caseId(DelegateExecution execution) {
        return (String) execution.getVariable(OverdueProcess.VAR_CASE_ID);
    }

    /** Task_FreezeCreditLine (WeChat channel): sets {@code lineFrozen}. */
    @Bean
    JavaDelegate freezeOverdueCreditLine(OverdueService overdue) {
        return execution -> execution.setVariable(OverdueProcess.VAR_LINE_FROZEN, overdue.freezeCreditLine(caseId(execution)));
    }

    /** Task_AccruePenalty: posts the penalty through today with the fee engine; sets {@code settled}. */
    @Bean
    JavaDelegate accrueOverduePenalty(OverdueService overdue) {
        return execution -> execution.setVariable(OverdueProcess.VAR_SETTLED, overdue.accrue(caseId(execution)));
    }

    /** Task_LiftOverdueFreeze: lifts this case's freeze, no other. */
    @Bean
    JavaDelegate liftOverdueFreeze(OverdueService overdue) {
        return execution -> overdue.liftFreeze(caseId(execution));
    }
}
