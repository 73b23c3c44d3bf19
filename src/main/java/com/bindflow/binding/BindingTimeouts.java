package com.bindflow.binding;

import org.springframework.stereotype.Component;

/** The configured timeouts as ISO-8601 durations, for the timer events of Binding.bpmn ({@code ${bindingTimeouts.agreement}}). */
@Component("bindingTimeouts")
public class BindingTimeouts {

    private final BindingProperties.Timeouts timeouts;

    public BindingTimeouts(BindingProperties properties) {
        this.timeouts = properties.timeouts();
    }

    public String getAgreement() {
        return timeouts.agreement().toString();
    }

    public String getWechatAuthorization() {
        return timeouts.wechatAuthorization().toString();
    }

    public String getPreferences() {
        return timeouts.preferences().toString();
    }

    public String getFaceVerification() {
        return timeouts.faceVerification().toString();
    }
}
