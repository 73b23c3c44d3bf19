package com.bindflow.eligibility;

import org.camunda.bpm.engine.DecisionService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class EligibilityConfiguration {

    /** The rules evaluated by the engine's decision service: the latest deployed table, with decision history. */
    @Bean
    EligibilityRules eligibilityRules(DecisionService decisions) {
        return new EligibilityRules((key, variables) -> decisions.evaluateDecisionByKey(key).variables(variables)
                .evaluate().getResultList());
    }
}
