package com.bindflow.shared;

/**
 * The outside systems bindflow calls, with the {@code system} tag of their metrics ({@link OutsideCalls}) and the name
 * their failures carry ({@link OutsideSystemUnavailableException#reasonCode()}, e.g. {@code JD_FINANCE_UNAVAILABLE}).
 * The tag is also the name of the system's Resilience4j retry and circuit breaker ({@code resilience4j.*.instances}).
 */
public enum OutsideSystem {

    WECHAT_PAY("wechat-pay", "WeChat Pay"),
    SMS("sms", "SMS gateway"),
    IDENTITY("identity", "identity check"),
    FACE("face", "face recognition"),
    JD_FINANCE("jd-finance", "JD Finance");

    private final String tag;
    private final String displayName;

    OutsideSystem(String tag, String displayName) {
        this.tag = tag;
        this.displayName = displayName;
    }

    /** The metric tag and the Resilience4j instance name, e.g. {@code wechat-pay}. */
    public String tag() {
        return tag;
    }

    /** As failures name it, e.g. {@code WeChat Pay}. */
    public String displayName() {
        return displayName;
    }
}
