package com.bindflow.binding;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the binding flow ({@code bindflow.binding.*}).
 *
 * @param agreementVersion the version of the 《服务协议》 service agreement a customer must accept now
 * @param timeouts         how long each waiting step waits for the customer before the binding expires
 */
@ConfigurationProperties("bindflow.binding")
public record BindingProperties(@DefaultValue("2026.1") String agreementVersion, @DefaultValue Timeouts timeouts) {

    /**
     * @param agreement           waiting for the agreement to be accepted
     * @param otpInactivity       in the SMS-code step, since the customer's last step (agreement or code request)
     * @param wechatAuthorization waiting for WeChat's authorization result
     */
    public record Timeouts(@DefaultValue("PT30M") Duration agreement, @DefaultValue("PT30M") Duration otpInactivity,
                           @DefaultValue("PT30M") Duration wechatAuthorization) {
    }
}
