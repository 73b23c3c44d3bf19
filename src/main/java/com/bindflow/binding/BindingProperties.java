package com.bindflow.binding;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the binding flow ({@code bindflow.binding.*}).
 *
 * @param agreementVersion the version of the 《服务协议》 service agreement a customer must accept now
 * @param timeouts         how long each waiting step waits for the customer before the binding expires
 * @param faceMaxAttempts  face-recognition attempts a customer may make (poor lighting allows a retry)
 */
@ConfigurationProperties("bindflow.binding")
public record BindingProperties(@DefaultValue("2026.1") String agreementVersion, @DefaultValue Timeouts timeouts,
                                @DefaultValue("3") int faceMaxAttempts) {

    /**
     * @param agreement           waiting for the agreement to be accepted
     * @param otpInactivity       in the SMS-code step, since the customer's last step (agreement or code request)
     * @param wechatAuthorization waiting for WeChat's authorization notification before asking WeChat
     * @param preferences         waiting for the customer's preferences (the optional per-transaction cap)
     * @param faceVerification    waiting for a successful face recognition
     */
    public record Timeouts(@DefaultValue("PT30M") Duration agreement, @DefaultValue("PT30M") Duration otpInactivity,
                           @DefaultValue("PT30M") Duration wechatAuthorization,
                           @DefaultValue("PT30M") Duration preferences,
                           @DefaultValue("PT30M") Duration faceVerification) {
    }
}
