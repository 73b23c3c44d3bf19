package com.bindflow.eligibility;

import com.bindflow.wechat.WalletFacts;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_FetchWalletFacts: WeChat Pay enabled, bank cards, third-party authorization switch. */
@Component("fetchWalletFacts")
public class FetchWalletFactsDelegate implements JavaDelegate {

    private final EligibilityService eligibility;

    public FetchWalletFactsDelegate(EligibilityService eligibility) {
        this.eligibility = eligibility;
    }

    @Override
    public void execute(DelegateExecution execution) {
        WalletFacts wallet = eligibility.wallet((String) execution.getVariable("userId"));
        GatheredFacts.add(execution, Map.of("wechatPayEnabled", wallet.payEnabled(),
                "bankCardCount", wallet.bankCardCount(), "thirdPartyAuthorization", wallet.thirdPartyAuthorization()));
    }
}
