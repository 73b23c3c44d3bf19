package com.bindflow.eligibility;

import com.bindflow.credit.BaitiaoAccount;
import com.bindflow.shared.Masking;
import java.util.LinkedHashMap;
import java.util.Map;
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
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("accountStatus", account.status().name());
        facts.put("overdue", account.overdue());
        facts.put("accountClass", account.accountClass());
        facts.put("enterprise", account.enterprise());
        facts.put("cashOutHistory", account.cashOutHistory());
        facts.put("maskedName", Masking.name(account.realName()));
        facts.put("maskedIdNumber", Masking.idNumber(account.idNumber()));
        facts.put("maskedPhone", Masking.phone(account.phone()));
        GatheredFacts.add(execution, facts);
    }
}
