package com.bindflow.fees;

import com.bindflow.channel.Channel;
import com.bindflow.support.BindflowSpringTest;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The application's rate card is the latest deployed fee-rate-card.dmn, evaluated without decision history. */
@BindflowSpringTest
class DeployedRateCardTest {

    @Autowired
    ProcessEngine engine;
    @Autowired
    InstallmentPlans plans;

    private BigDecimal threePeriodFee() {
        return plans.quote(new InstallmentRequest(new BigDecimal("1000"), 3, InterestMethod.FULL_AMOUNT, Channel.JD_APP, null))
                .schedule().get(0).interestOrFee();
    }

    @Test
    void aRedeployedCardAppliesToTheNextQuoteAndQuotesWriteNoHistory() throws IOException {
        long history = engine.getHistoryService().createHistoricDecisionInstanceQuery().count();
        Assertions.assertThat(threePeriodFee()).isEqualByComparingTo("8.70");
        Assertions.assertThat(engine.getHistoryService().createHistoricDecisionInstanceQuery().count()).isEqualTo(history);

        String card;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(DmnRateCard.RESOURCE)) {
            card = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String changed = card.replace("<outputEntry id=\"OutputEntry_3_FA_rate\"><text>0.87</text>",
                "<outputEntry id=\"OutputEntry_3_FA_rate\"><text>0.95</text>");
        Assertions.assertThat(changed).isNotEqualTo(card);
        Deployment deployment = engine.getRepositoryService().createDeployment().name("rate card test")
                .addString(DmnRateCard.RESOURCE, changed).deploy();
        try {
            Assertions.assertThat(threePeriodFee()).isEqualByComparingTo("9.50");
        } finally {
            engine.getRepositoryService().deleteDeployment(deployment.getId(), true);
        }
        Assertions.assertThat(threePeriodFee()).isEqualByComparingTo("8.70");
    }
}
