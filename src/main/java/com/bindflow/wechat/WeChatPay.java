package com.bindflow.wechat;

/**
 * Port to WeChat Pay (outside system): the authorization of Baitiao as a payment method (a contract, identified by
 * our unique contract code), payments and refunds. Every call is idempotent on our identifiers, so a retried job
 * never does anything twice. Throws {@link com.bindflow.shared.OutsideSystemUnavailableException} on a technical
 * failure; business outcomes are return values.
 */
public interface WeChatPay {

    /** Baitiao's fixed place when bound from the WeChat wallet: right after 零钱 (the wallet balance, place 1). */
    int PRIORITY_AFTER_BALANCE = 2;

    /**
     * Asks WeChat to show the customer its authorization page for this contract. The result arrives later as a
     * signed notification (or never: then {@link #queryAuthorization}). Calling it again returns the same request.
     */
    AuthorizationRequest requestAuthorization(String contractCode, String bindingId, String userId);

    AuthorizationState queryAuthorization(String contractCode);

    /**
     * The passive side of a binding the customer started in the WeChat wallet: grants WeChat's binding request. WeChat
     * creates the contract under our contract code, with Baitiao placed right after 零钱 (the wallet balance) — the
     * wallet entry has no priority choice. {@code wechatRequestId} is null when the entry reached us without WeChat's
     * request id (over our REST API). Idempotent: granting again returns the same contract.
     */
    AuthorizationState grantBindRequest(String wechatRequestId, String contractCode, String bindingId, String userId);

    /** Who asked, and where WeChat's binding request stands; empty for a request WeChat does not know. */
    java.util.Optional<BindRequestState> bindRequestState(String wechatRequestId);

    /** WITHDRAWN: the customer gave up in the wallet before we answered. */
    enum BindRequestStatus { PENDING, GRANTED, REFUSED, WITHDRAWN }

    record BindRequestState(String userId, BindRequestStatus status) {
    }

    /**
     * Refuses WeChat's binding request if it is still open. Returns whether the request stands refused (now or by an
     * earlier call); false when it was granted or WeChat does not know it. Idempotent.
     */
    boolean refuseBindRequest(String wechatRequestId, String reason);

    /** Ends the authorization (or withdraws a pending request). Idempotent: terminating twice is fine. */
    void terminateAuthorization(String contractCode, String reason);

    /** Charges the authorized Baitiao payment method; idempotent on {@code outTradeNo}. */
    PaymentResult pay(String outTradeNo, String contractCode, long amountFen, String description);

    /**
     * Refunds the payment {@code outTradeNo} in full if WeChat has it as paid; idempotent on {@code outRefundNo}.
     * A payment WeChat does not know (never made, or its transaction rolled back) is NOT_PAID, not an error.
     */
    RefundResult refundIfPaid(String outRefundNo, String outTradeNo);

    record AuthorizationRequest(String contractCode, String authorizationUrl) {
    }

    enum AuthorizationStatus { PENDING, AUTHORIZED, DECLINED, TERMINATED, NOT_FOUND }

    /**
     * {@code priority}: Baitiao's place among the WeChat payment methods (1 = first): the customer's choice for the
     * JD-app entry, {@link #PRIORITY_AFTER_BALANCE} for the wallet entry.
     */
    record AuthorizationState(AuthorizationStatus status, String contractId, Integer priority) {
    }

    enum PaymentStatus { SUCCESS, DECLINED }

    record PaymentResult(PaymentStatus status, String transactionId, String failureReason) {
    }

    enum RefundStatus { REFUNDED, NOT_PAID }

    record RefundResult(RefundStatus status, long refundedFen) {
    }
}
