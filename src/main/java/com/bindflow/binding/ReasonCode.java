package com.bindflow.binding;

import java.util.Arrays;
import java.util.Optional;

/** Machine-readable reasons carried by a binding's status, each with the message shown to people. */
public enum ReasonCode {
    ENTERPRISE_ACCOUNT("Enterprise Baitiao accounts cannot be bound to WeChat Pay."),
    ACCOUNT_ABNORMAL("The Baitiao account is not in normal status (for example locked)."),
    ACCOUNT_OVERDUE("The Baitiao account has an overdue amount; repay it, then bind again."),
    REAL_NAME_CLASS_INSUFFICIENT("A JD Finance Class III real-name account is required."),
    IDENTITY_MISMATCH("The identity data does not match public-security records."),
    WECHAT_PAY_NOT_ENABLED("WeChat Pay is not enabled for this customer."),
    NO_BANK_CARD("At least one bank card must be bound in WeChat Pay."),
    CASH_OUT_HISTORY("The account has a cash-out history: a reviewer decides within 3 working days."),
    REVIEW_REJECTED("A reviewer rejected the binding."),
    NO_CUSTOMER_ACTIVITY("No step was taken in time: the binding expired. Start a new one."),
    OTP_LIMIT_REACHED("All SMS codes were used up without a correct entry: the binding expired. Start a new one."),
    WECHAT_AUTHORIZATION_TIMEOUT("WeChat authorization was not completed in time: the binding expired."),
    WECHAT_AUTHORIZATION_DECLINED("The customer did not open the binding permission on WeChat's authorization page."),
    FACE_MISMATCH("Face recognition: the face does not match the account holder."),
    FACE_SPOOF_DETECTED("Face recognition: the liveness check failed."),
    FACE_RETRIES_EXHAUSTED("Face recognition failed 3 times (for example poor lighting). Start a new binding in better light."),
    TEST_PAYMENT_DECLINED("WeChat Pay declined the 0.01 CNY test payment."),
    CUSTOMER_CANCELLED("The customer cancelled the binding."),
    WECHAT_AUTHORIZATION_REVOKED("The WeChat authorization made during this binding was revoked."),
    TEST_PAYMENT_REFUNDED("The 0.01 CNY test payment was refunded."),
    UNBOUND_IN_JD_APP("The customer unbound Baitiao from WeChat Pay in the JD app; the WeChat authorization was revoked."),
    UNBOUND_IN_WECHAT("The customer ended the Baitiao authorization in the WeChat wallet."),
    THIRD_PARTY_AUTH_OFF("WeChat's third-party service authorization (第三方服务授权) is off, so WeChat cannot hand the "
            + "binding to Baitiao. Switch it on in WeChat and try again, or bind from the JD app (白条 → 支付管理 → 微信绑定) "
            + "and use it in WeChat."),
    WECHAT_REQUEST_REFUSED("We answered WeChat's binding request with a refusal."),
    WECHAT_REQUEST_WITHDRAWN("WeChat no longer has the customer's binding request (withdrawn or expired in the wallet): "
            + "start again in the WeChat wallet or the JD app.");

    private final String message;

    ReasonCode(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }

    public static Optional<ReasonCode> of(String code) {
        return Arrays.stream(values()).filter(r -> r.name().equals(code)).findFirst();
    }
}
