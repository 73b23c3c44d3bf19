package com.bindflow.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.bindflow.risk.RiskFacts;
import com.bindflow.risk.RiskOutcome;
import com.bindflow.risk.RiskPipeline;
import com.bindflow.risk.RiskProperties;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The pure decision, on the default risk layers and the file's limits table: the layers' FREEZE and DECLINE come
 * first, then the limits, then a STEP_UP; after a passed face only the gates and the limits count.
 */
class PaymentDecisionTest {

    /** Wednesday 2026-03-11 10:00 Beijing. */
    private static final Instant NOW = OffsetDateTime.parse("2026-03-11T10:00:00+08:00").toInstant();
    private static final RiskProperties RISK = new Binder(new MapConfigurationPropertySource(Map.of()))
            .bindOrCreate("bindflow.risk", RiskProperties.class);
    private static final PaymentDecision DECISION = new PaymentDecision(RiskPipeline.of(RISK), PaymentLimitsTest.LIMITS);

    /** An online payment of an ACTIVE binding activated {@code activatedAgo} ago, 15000.00 available. */
    private static RiskFacts risk(String amount, boolean frozen, String bindingStatus, Duration activatedAgo) {
        return new RiskFacts("demo-ok", "ONLINE", new BigDecimal(amount), "Shanghai", NOW, frozen, bindingStatus,
                NOW.minus(activatedAgo), new BigDecimal("15000.00"), new BigDecimal("10000.00"), RiskFacts.History.NONE);
    }

    private static PaymentLimits.Facts limits(String amount, String available) {
        return new PaymentLimits.Facts(Scenario.ONLINE, new BigDecimal(amount), PayeeType.MERCHANT, null, false,
                BigDecimal.ZERO, new BigDecimal(available), new BigDecimal("10000.00"), null);
    }

    @Test
    void anOrdinaryPaymentWithinTheLimitsIsApproved() {
        PaymentDecision.Verdict verdict = DECISION.decide(risk("100.00", false, "ACTIVE", Duration.ofDays(30)),
                limits("100.00", "15000.00"));
        assertThat(verdict.decision()).isEqualTo(Decision.APPROVED);
        assertThat(verdict.reasons()).isEmpty();
        assertThat(verdict.evaluation().outcome()).isEqualTo(RiskOutcome.PASS);
    }

    @Test
    void aFrozenCreditLineIsFrozenWhateverTheLimitsSay() {
        PaymentDecision.Verdict verdict = DECISION.decide(risk("100.00", true, "ACTIVE", Duration.ofDays(30)),
                limits("100.00", "50.00"));
        assertThat(verdict.decision()).isEqualTo(Decision.FROZEN);
        assertThat(verdict.reasons()).containsExactly("ACCOUNT_FROZEN");
    }

    @Test
    void aBindingThatIsNotActiveIsDeclined() {
        PaymentDecision.Verdict verdict = DECISION.decide(risk("100.00", false, "AWAITING_OTP", Duration.ofDays(30)),
                limits("100.00", "15000.00"));
        assertThat(verdict.decision()).isEqualTo(Decision.DECLINED);
        assertThat(verdict.reasons()).containsExactly("BINDING_NOT_ACTIVE");
    }

    @Test
    void aLargeAmountSoonAfterActivationNeedsAStepUp() {
        PaymentDecision.Verdict verdict = DECISION.decide(risk("3000.00", false, "ACTIVE", Duration.ofHours(1)),
                limits("3000.00", "15000.00"));
        assertThat(verdict.decision()).isEqualTo(Decision.STEP_UP_REQUIRED);
        assertThat(verdict.reasons()).containsExactly("NEW_BINDING_LARGE_AMOUNT");
    }

    @Test
    void aBrokenLimitDeclinesBeforeAnyStepUp() {
        PaymentDecision.Verdict verdict = DECISION.decide(risk("3000.00", false, "ACTIVE", Duration.ofHours(1)),
                limits("3000.00", "2000.00"));
        assertThat(verdict.decision()).isEqualTo(Decision.DECLINED);
        assertThat(verdict.reasons()).containsExactly("INSUFFICIENT_AVAILABLE_CREDIT");
        assertThat(verdict.evaluation().outcome()).isEqualTo(RiskOutcome.STEP_UP);
    }

    @Test
    void afterAPassedFaceOnlyTheGatesAndTheLimitsCount() {
        RiskFacts stepUpFacts = risk("3000.00", false, "ACTIVE", Duration.ofHours(1));
        assertThat(DECISION.afterFace(stepUpFacts, limits("3000.00", "15000.00")).decision()).isEqualTo(Decision.APPROVED);
        assertThat(DECISION.afterFace(risk("3000.00", true, "ACTIVE", Duration.ofHours(1)), limits("3000.00", "15000.00"))
                .reasons()).containsExactly("ACCOUNT_FROZEN");
        assertThat(DECISION.afterFace(risk("3000.00", false, "UNBINDING", Duration.ofHours(1)), limits("3000.00", "15000.00"))
                .decision()).isEqualTo(Decision.DECLINED);
        PaymentDecision.Verdict spent = DECISION.afterFace(stepUpFacts, limits("3000.00", "2999.99"));
        assertThat(spent.decision()).isEqualTo(Decision.DECLINED);
        assertThat(spent.reasons()).containsExactly("INSUFFICIENT_AVAILABLE_CREDIT");
    }
}
