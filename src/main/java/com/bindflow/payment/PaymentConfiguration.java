package com.bindflow.payment;

import com.bindflow.risk.RiskPipeline;
import com.bindflow.risk.RiskProperties;
import com.bindflow.shared.DeployedDecisions;
import com.bindflow.shared.DmnDecisions;
import org.camunda.bpm.engine.RepositoryService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class PaymentConfiguration {

    /** The limits table as deployed (latest version), parsed once per version and evaluated in memory. */
    @Bean
    PaymentLimits paymentLimits(RepositoryService repository, PaymentProperties properties) {
        return new PaymentLimits(new DeployedDecisions(repository,
                DmnDecisions.javaFeelEngine(), properties.decisionRefresh()));
    }

    /** The risk layers in their configured order; a configuration that names unknown layers or drops a gate fails here. */
    @Bean
    RiskPipeline riskPipeline(RiskProperties properties) {
        return RiskPipeline.of(properties);
    }

    /** The pure decision: risk layers and limits. */
    @Bean
    PaymentDecision paymentDecision(RiskPipeline riskPipeline, PaymentLimits paymentLimits) {
        return new PaymentDecision(riskPipeline, paymentLimits);
    }
}
