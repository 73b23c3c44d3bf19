package com.bindflow.payment;

import java.util.Arrays;
import java.util.Optional;

/** The reason codes of payment decisions (limits from payment-limits.dmn, risk layers, step-up), with their messages. */
public enum PaymentReason {
    // limits (processes/payment-limits.dmn)
    INSUFFICIENT_AVAILABLE_CREDIT("The amount is above the available Baitiao credit."),
    WECHAT_EXPOSURE_LIMIT("The amount would take the WeChat channel's outstanding amount above its limit."),
    OVER_PER_TRANSACTION_CAP("The amount is above the customer's own per-transaction cap."),
    PERSONAL_CODE_NOT_ALLOWED("Offline scans may pay WeChat merchant codes only, not personal codes."),
    OFFLINE_DAILY_LIMIT("Offline scans are limited to 2000 CNY per day (Beijing time) in all."),
    TRANSFER_PURPOSE_NOT_ALLOWED("Transfers are allowed for credit-card repayment only."),
    TRANSFER_OVER_LIMIT("A transfer may be at most 5000 CNY."),
    VIRTUAL_TOPUP_OVER_LIMIT("Virtual top-ups must be under 50 CNY."),
    CROSS_BORDER_NOT_PERMITTED("Cross-border orders need the customer's cross-border permission."),
    // risk layers (com.bindflow.risk)
    ACCOUNT_FROZEN("The Baitiao credit line is frozen."),
    BINDING_NOT_ACTIVE("Baitiao is not (or no longer) an ACTIVE payment method in WeChat Pay for this customer."),
    CROSS_CITY_SCAN_BURST("Near-limit offline scans from several cities right after binding: the credit line is frozen."),
    HIGH_FREQUENCY("Unusually many payment attempts in a short time: face verification is required."),
    UNUSUAL_CITY("A payment from a city the customer has not paid from before: face verification is required."),
    NEW_BINDING_LARGE_AMOUNT("A large payment soon after binding: face verification is required."),
    NIGHT_TIME_LARGE_AMOUNT("A large payment at night: face verification is required."),
    AMOUNT_NEAR_CREDIT_LIMIT("A payment that nearly uses up the remaining credit: face verification is required."),
    // step-up
    STEP_UP_EXPIRED("Face verification was not completed within 5 minutes."),
    FACE_MISMATCH("Face verification: the face does not match the account holder."),
    FACE_SPOOF_DETECTED("Face verification: the liveness check failed."),
    FACE_RETRIES_EXHAUSTED("Face verification failed too often (for example poor lighting).");

    private final String message;

    PaymentReason(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }

    /** The message of a stored code; the code itself for one this version does not know (a new DMN row). */
    public static String messageOf(String code) {
        return of(code).map(PaymentReason::message).orElse(code);
    }

    public static Optional<PaymentReason> of(String code) {
        return Arrays.stream(values()).filter(r -> r.name().equals(code)).findFirst();
    }
}
