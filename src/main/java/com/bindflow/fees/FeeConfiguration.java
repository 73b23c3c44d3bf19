package com.bindflow.fees;

import com.bindflow.shared.DeployedDecisions;
import org.camunda.bpm.engine.RepositoryService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class FeeConfiguration {

    /** The rate card: the latest deployed processes/fee-rate-card.dmn, evaluated without decision history. */
    @Bean
    RateCard rateCard(RepositoryService repository) {
        return new DmnRateCard(new DeployedDecisions(repository));
    }

    @Bean
    InstallmentPlans installmentPlans(RateCard rateCard) {
        return new InstallmentPlans(rateCard);
    }

    @Bean
    CashWithdrawals cashWithdrawals(RateCard rateCard) {
        return new CashWithdrawals(rateCard);
    }

    @Bean
    OverduePenalties overduePenalties(RateCard rateCard) {
        return new OverduePenalties(rateCard);
    }
}
