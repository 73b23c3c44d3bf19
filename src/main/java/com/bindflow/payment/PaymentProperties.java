package com.bindflow.payment;

import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Payment authorizations ({@code bindflow.payments.*}). The scenario limits are in {@code processes/payment-limits.dmn}.
 *
 * @param wechatExposureLimit the most a customer may owe through the WeChat channel at once (yuan)
 * @param stepUp              face verification of STEP_UP_REQUIRED authorizations
 * @param occurredAt          how far a payment's {@code occurredAt} may lie from our clock
 * @param decisionRefresh     how often a node looks for a newer deployed version of the limits table
 */
@ConfigurationProperties("bindflow.payments")
public record PaymentProperties(@DefaultValue("10000.00") BigDecimal wechatExposureLimit,
                                @DefaultValue StepUp stepUp,
                                @DefaultValue OccurredAt occurredAt,
                                @DefaultValue("PT30S") Duration decisionRefresh) {

    public PaymentProperties {
        if (wechatExposureLimit.signum() < 0) {
            throw new IllegalStateException("bindflow.payments.wechat-exposure-limit must not be negative");
        }
    }

    /**
     * @param timeout         unanswered this long after the decision → DECLINED STEP_UP_EXPIRED
     * @param maxFaceAttempts face attempts per authorization (poor lighting may be retried)
     * @param sweep           whether this node runs the periodic expiry sweep (tests call it themselves)
     * @param sweepInterval   pause between two sweeps
     */
    public record StepUp(@DefaultValue("PT5M") Duration timeout, @DefaultValue("3") int maxFaceAttempts,
                         @DefaultValue("true") boolean sweep, @DefaultValue("PT30S") Duration sweepInterval) {
    }

    /** @param maxAhead how far in the future (clock skew), @param maxAge how far in the past */
    public record OccurredAt(@DefaultValue("PT5M") Duration maxAhead, @DefaultValue("PT24H") Duration maxAge) {
    }
}
