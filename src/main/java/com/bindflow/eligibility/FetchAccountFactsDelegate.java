package com.bindflow.eligibility;

import com.bindflow.credit.BaitiaoAccount;
import com.bindflow.shared.Masking;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_FetchAccountFacts: the Baitiao account's facts from JD Finance; personal data only masked. */
@Component("fetchAccountFacts")
public class FetchAccountFactsDelegate implements JavaDelegate {

    private final EligibilityService eligibility;

    public FetchAccountFactsDelegate(EligibilityService eligibility) {
        this.eligibility = eligibility;
    }

    @Override
    public void execute(DelegateExecution execution) {
        BaitiaoAccount account = eligibility.account((String) execution.getVariable("userId"));
        execution.setVariable("accountStatus", account.status().name());
        execution.setVariable("overdue", account.overdue());
        execution.setVariable("accountClass", account.accountClass());
        execution.setVariable("enterprise", account.enterprise());
        execution.setVariable("cashOutHistory", account.cashOutHistory());
        execution.setVariable("maskedName", Masking.name(account.realName()));
        execution.setVariable("maskedIdNumber", Masking.idNumber(account.idNumber()));
        execution.setVariable("maskedPhone", Masking.phone(account.phone()));
    }
}
