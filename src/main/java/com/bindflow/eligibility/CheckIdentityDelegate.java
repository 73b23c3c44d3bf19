package com.bindflow.eligibility;

import com.bindflow.identity.IdentityVerification;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_CheckIdentity: real name and ID number against public-security data. */
@Component("checkIdentity")
public class CheckIdentityDelegate implements JavaDelegate {

    private final EligibilityService eligibility;

    public CheckIdentityDelegate(EligibilityService eligibility) {
        this.eligibility = eligibility;
    }

    @Override
    public void execute(DelegateExecution execution) {
        IdentityVerification.Result result = eligibility.verifyIdentity((String) execution.getVariable("userId"));
        GatheredFacts.add(execution, Map.of("identityResult", result.name(),
                "identityMatch", result == IdentityVerification.Result.MATCH));
    }
}
