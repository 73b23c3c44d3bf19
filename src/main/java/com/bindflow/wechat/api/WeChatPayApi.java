package com.bindflow.wechat.api;

import com.bindflow.wechat.WeChatPay.AuthorizationStatus;
import com.bindflow.wechat.WeChatPay.BindRequestStatus;
import java.util.Optional;

/**
 * THE one place of what bindflow assumes about WeChat Pay API v3 (direct merchant, 委托代扣 papay): every path, field
 * and value the production adapter ({@link V3WeChatPay}, {@link V3WeChatWallets}, {@link EntrustEvents}) uses, and how
 * its answers and error codes are read. Each is marked CONFIRMED (WeChat Pay's public v3 documentation, or the
 * official SDK's source) or ASSUMED (not confirmed; to check with WeChat Pay before going live). README, "WeChat Pay
 * API v3: paths and fields", lists the same.
 */
public final class WeChatPayApi {

    private WeChatPayApi() {
    }

    /**
     * The circuit breaker of the ASSUMED partner calls (wallet facts, the wallet's binding requests): an endpoint that
     * turns out wrong fails on its own, without opening the breaker of terminate, pay and refund ({@code wechat-pay}).
     */
    public static final String PARTNER_CIRCUIT = "wechat-pay-partner";

    /** CONFIRMED: WeChat Pay API v3's host (the SDK's {@code HostName.API}). */
    public static final String HOST = "https://api.mch.weixin.qq.com";

    // ---- paths ------------------------------------------------------------------------------------------------------

    /**
     * CONFIRMED: H5 pre-sign of a 预约扣费 contract; body {@code appid, plan_id, out_contract_code,
     * contract_display_account, contract_notify_url, out_user_code}; answer {@code redirect_url}, where the customer
     * signs. ASSUMED: sending it again for the same {@code out_contract_code} is harmless (a new 10-minute session).
     */
    public static final String PRE_SIGN_H5 = "/v3/papay/scheduled-deduct-sign/contracts/pre-entrust-sign/h5";

    /** CONFIRMED: the contract by our contract code ({@code GET}). */
    public static String contract(long planId, String outContractCode) {
        return "/v3/papay/sign/contracts/plan-id/" + planId + "/out-contract-code/" + outContractCode;
    }

    /** CONFIRMED: terminate the contract ({@code POST}, body {@code contract_termination_remark}). */
    public static String terminate(long planId, String outContractCode) {
        return contract(planId, outContractCode) + "/terminate";
    }

    /**
     * CONFIRMED: 预约扣费 — a deduction must be scheduled before it is applied for; body {@code appid,
     * schedule_amount{total, currency}}. ASSUMED: scheduling the same amount again is harmless.
     */
    public static String schedule(String contractId) {
        return "/v3/papay/pay/schedules/contract-id/" + contractId + "/schedule";
    }

    /**
     * CONFIRMED: apply for the deduction; body {@code appid, out_trade_no, description, transaction_notify_url,
     * contract_id, amount{total, currency}}; the answer only accepts it, the charge happens later. ASSUMED: the same
     * {@code out_trade_no} is charged once (CONFIRMED for API v2: "同一个商户号+同一个商户订单号,只会扣款一次").
     */
    public static final String APPLY = "/v3/papay/pay/transactions/apply";

    /**
     * ASSUMED (for 委托代扣 orders): the order by our trade number, the general v3 order query; {@code trade_state} as
     * {@link #paymentState}; 404 {@code ORDER_NOT_EXIST} for a trade number WeChat never saw.
     */
    public static String order(String outTradeNo, String merchantId) {
        return "/v3/pay/transactions/out-trade-no/" + outTradeNo + "?mchid=" + merchantId;
    }

    /**
     * CONFIRMED (the SDK's {@code RefundService}): {@code POST /v3/refund/domestic/refunds} with {@code out_trade_no,
     * out_refund_no, reason, amount{refund, total, currency}}; {@code status} SUCCESS, CLOSED, PROCESSING, ABNORMAL.
     * ASSUMED: the same {@code out_refund_no} refunds once.
     */
    public static final String REFUNDS = "/v3/refund/domestic/refunds";

    /**
     * ASSUMED, no public API (README): a user's wallet facts by our user code, {@code {pay_enabled, bank_card_count,
     * third_party_authorization}}; 404 {@code RESOURCE_NOT_EXISTS} = no WeChat Pay.
     */
    public static String wallet(String outUserCode, String appId) {
        return "/v3/papay/partner-wallet/out-user-codes/" + outUserCode + "/wallet?appid=" + appId;
    }

    /**
     * ASSUMED, no public API: a binding request from the wallet, {@code {request_id, out_user_code, state}}; 404
     * {@code RESOURCE_NOT_EXISTS} for one WeChat does not know.
     */
    public static String bindRequest(String requestId) {
        return "/v3/papay/partner-wallet/bind-requests/" + requestId;
    }

    /**
     * ASSUMED, no public API: grant it, body {@code appid, plan_id, out_contract_code, contract_display_account};
     * answer the contract as {@link #contract}; 4xx {@code REQUEST_NOT_PENDING} when the request is not open any more.
     */
    public static String grant(String requestId) {
        return bindRequest(requestId) + "/grant";
    }

    /** ASSUMED, no public API: refuse it, body {@code reason}; answer {@code {state}}; 4xx as {@link #grant}. */
    public static String refuse(String requestId) {
        return bindRequest(requestId) + "/refuse";
    }

    // ---- fields and values ------------------------------------------------------------------------------------------

    public static final String APPID = "appid";
    public static final String PLAN_ID = "plan_id";
    public static final String OUT_CONTRACT_CODE = "out_contract_code";
    public static final String CONTRACT_ID = "contract_id";
    public static final String CONTRACT_STATE = "contract_state";
    public static final String CONTRACT_DISPLAY_ACCOUNT = "contract_display_account";
    public static final String CONTRACT_NOTIFY_URL = "contract_notify_url";
    /** ASSUMED: the mapping of our user to WeChat's is not public; our user id travels as {@code out_user_code}. */
    public static final String OUT_USER_CODE = "out_user_code";
    public static final String REDIRECT_URL = "redirect_url";
    public static final String TERMINATION_REMARK = "contract_termination_remark";
    public static final String OUT_TRADE_NO = "out_trade_no";
    public static final String TRANSACTION_ID = "transaction_id";
    public static final String TRADE_STATE = "trade_state";
    public static final String DESCRIPTION = "description";
    public static final String TRANSACTION_NOTIFY_URL = "transaction_notify_url";
    public static final String AMOUNT = "amount";
    public static final String SCHEDULE_AMOUNT = "schedule_amount";
    public static final String TOTAL = "total";
    public static final String CURRENCY = "currency";
    public static final String CNY = "CNY";
    public static final String PAY_ENABLED = "pay_enabled";
    public static final String BANK_CARD_COUNT = "bank_card_count";
    public static final String THIRD_PARTY_AUTHORIZATION = "third_party_authorization";
    public static final String REQUEST_ID = "request_id";
    public static final String STATE = "state";
    public static final String REASON = "reason";

    // ---- reading answers --------------------------------------------------------------------------------------------

    /**
     * {@code contract_state}: CONFIRMED values SIGNED, TERMINATED, SIGN_FAILED, TO_BE_RENEWED (documented for the
     * HarmonyOS twin of the query; ASSUMED the same here). ASSUMED: TO_BE_RENEWED (awaiting renewal) still authorizes,
     * SIGN_FAILED is the customer's decline. Empty for a value we do not know (a technical failure).
     */
    public static Optional<AuthorizationStatus> authorizationState(String contractState) {
        if (contractState == null) {
            return Optional.empty();
        }
        return switch (contractState) {
            case "SIGNED", "TO_BE_RENEWED" -> Optional.of(AuthorizationStatus.AUTHORIZED);
            case "TERMINATED" -> Optional.of(AuthorizationStatus.TERMINATED);
            case "SIGN_FAILED" -> Optional.of(AuthorizationStatus.DECLINED);
            default -> Optional.empty();
        };
    }

    /**
     * WeChat Pay's error code of a 404 for a resource it does not have (CONFIRMED as a v3 error code); ASSUMED: the
     * contract query answers it for a contract code WeChat never signed, and the assumed partner calls (wallet facts,
     * binding requests) for a user or request WeChat does not know.
     */
    public static final String RESOURCE_NOT_EXISTS = "RESOURCE_NOT_EXISTS";

    /** CONFIRMED (v3 order query): 404 {@code ORDER_NOT_EXIST}, an order WeChat never saw. */
    public static final String ORDER_NOT_EXIST = "ORDER_NOT_EXIST";

    /**
     * ASSUMED, no public API: the 4xx code with which the wallet's binding request refuses a grant or refusal because
     * it is not open any more (granted, refused or withdrawn before).
     */
    public static final String REQUEST_NOT_PENDING = "REQUEST_NOT_PENDING";

    /**
     * A 4xx is read as a business answer only with its documented code: WeChat Pay's SDK verifies the signature of 2xx
     * answers only, so an error answer's status is unsigned (a proxy's, a gateway's); its code at least is WeChat's
     * documented word. True for 404 with {@code code} only.
     */
    public static boolean notFound(int httpStatus, String errorCode, String code) {
        return httpStatus == 404 && code.equals(errorCode);
    }

    /** ASSUMED: a contract code WeChat never signed answers 404 {@code RESOURCE_NOT_EXISTS}: NOT_FOUND. */
    public static boolean contractUnknown(int httpStatus, String errorCode) {
        return notFound(httpStatus, errorCode, RESOURCE_NOT_EXISTS);
    }

    /** ASSUMED, no public API: a user (wallet facts) or binding request WeChat does not know: 404 RESOURCE_NOT_EXISTS. */
    public static boolean partnerResourceUnknown(int httpStatus, String errorCode) {
        return notFound(httpStatus, errorCode, RESOURCE_NOT_EXISTS);
    }

    /** ASSUMED, no public API: the binding request is not open any more (a 4xx {@code REQUEST_NOT_PENDING}). */
    public static boolean bindRequestClosed(int httpStatus, String errorCode) {
        return httpStatus / 100 == 4 && REQUEST_NOT_PENDING.equals(errorCode);
    }

    /** What a payment's {@code trade_state} says. */
    public enum Payment { PAID, NOT_PAID, IN_PROGRESS }

    /**
     * {@code trade_state} (CONFIRMED values of the v3 order query): SUCCESS and REFUND (paid, then refunded) are paid;
     * NOTPAY, CLOSED, REVOKED, PAYERROR are not; USERPAYING and ACCEPT (ASSUMED: the 委托代扣 deduction accepted and not
     * yet done) are in progress. Empty for an unknown value.
     */
    public static Optional<Payment> paymentState(String tradeState) {
        if (tradeState == null) {
            return Optional.empty();
        }
        return switch (tradeState) {
            case "SUCCESS", "REFUND" -> Optional.of(Payment.PAID);
            case "NOTPAY", "CLOSED", "REVOKED", "PAYERROR" -> Optional.of(Payment.NOT_PAID);
            case "USERPAYING", "ACCEPT" -> Optional.of(Payment.IN_PROGRESS);
            default -> Optional.empty();
        };
    }

    /** An order WeChat never saw answers 404 {@code ORDER_NOT_EXIST} (ASSUMED for 委托代扣 orders). */
    public static boolean orderUnknown(int httpStatus, String errorCode) {
        return notFound(httpStatus, errorCode, ORDER_NOT_EXIST);
    }

    /**
     * ASSUMED: a 4xx to a deduction (schedule or apply) with one of these codes is WeChat's decline of the payment (a
     * business outcome: the contract cannot be charged), not a technical failure. Any other 4xx is a technical failure
     * (our request was wrong, or a limit of ours: 429 FREQUENCY_LIMITED, 403 NO_AUTH are the merchant's, never the
     * customer's), for an operator: the job is retried and becomes an incident.
     */
    public static boolean paymentDeclined(String errorCode) {
        return errorCode != null && switch (errorCode) {
            case "NOTENOUGH", "CONTRACT_NOT_EXIST", "CONTRACT_ERROR", "CONTRACT_TERMINATED", "USER_ACCOUNT_ABNORMAL",
                 "RULE_LIMIT", "ORDER_CLOSED" -> true;
            default -> false;
        };
    }

    /**
     * Refund {@code status} (CONFIRMED values): SUCCESS and (ASSUMED: accepted, WeChat completes it) PROCESSING are
     * refunded; CLOSED and ABNORMAL need an operator (a technical failure).
     */
    public static boolean refunded(String status) {
        return "SUCCESS".equals(status) || "PROCESSING".equals(status);
    }

    /** ASSUMED: a binding request's {@code state}: PENDING, GRANTED, REFUSED, WITHDRAWN. */
    public static Optional<BindRequestStatus> bindRequestState(String state) {
        try {
            return state == null ? Optional.empty() : Optional.of(BindRequestStatus.valueOf(state));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    // ---- notifications (the receiving side: wechat.notification) ----------------------------------------------------

    /** CONFIRMED: a contract was signed (sent only on success; no event for a decline or an abandoned page). */
    public static final String EVENT_SIGN = "ENTRUST.SIGN";
    /** CONFIRMED: a contract was terminated (by us or by the customer), to the plan's termination URL. */
    public static final String EVENT_TERMINATE = "ENTRUST.TERMINATE";
    /** ASSUMED, no public API: the customer asked in the wallet to bind; resource {@code request_id, out_user_code}. */
    public static final String EVENT_BIND_REQUESTED = "ENTRUST.BIND_REQUESTED";
}
