package com.bindflow.wechat.api;

import static com.bindflow.wechat.api.WeChatPayApi.*;

import com.bindflow.shared.OutsideCallFailure;
import com.bindflow.shared.OutsideCalls;
import com.bindflow.shared.OutsideCalls.Budget;
import com.bindflow.shared.OutsideSystem;
import com.bindflow.shared.OutsideSystemUnavailableException;
import com.bindflow.wechat.WeChatPay;
import com.bindflow.wechat.api.WeChatPayV3Client.Answer;
import com.google.gson.JsonObject;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link WeChatPay}: WeChat Pay API v3, 委托代扣 (papay) as a direct merchant, through the official SDK
 * ({@link WeChatPayV3Client}). Paths, fields and the meaning of answers are {@link WeChatPayApi}'s. Every call is
 * idempotent on our own numbers (contract code, trade number, refund number, all derived from the binding), so
 * {@link OutsideCalls} may send it again after an error, and a retried job repeats nothing — except scheduling the
 * amount, which carries no number of ours: sent again only when it never left. A 4xx is a business answer only with
 * its documented code ({@link WeChatPayApi}); any other is a technical failure:
 * <ul>
 *   <li>{@code requestAuthorization}: H5 pre-sign → the page's URL (WeChat notifies {@code ENTRUST.SIGN} on success,
 *       nothing otherwise: then the process queries);</li>
 *   <li>{@code queryAuthorization}: the contract by our contract code;</li>
 *   <li>{@code terminateAuthorization}: terminate; a 4xx is fine when the contract is (then) terminated or unknown;</li>
 *   <li>{@code pay}: the order by our trade number first (a retried job finds what the first did); only when WeChat
 *       has none: the contract (its id, signed?), schedule the amount (预约扣费), apply; then read the order until it
 *       settles (a few polls {@code settle-wait} apart, within the call's time budget; still in progress → a technical
 *       failure: the job retries later and finds the order);</li>
 *   <li>{@code refundIfPaid}: the order; paid → the SDK's refund with our refund number; unknown or not paid →
 *       NOT_PAID;</li>
 *   <li>the wallet's binding requests (grant, state, refuse): an ASSUMED partner interface, no public API.</li>
 * </ul>
 * The customer's priority (Baitiao's place among the payment methods) is in no public field: a JD-app authorization
 * reports none (null); the wallet entry's is {@link #PRIORITY_AFTER_BALANCE} by definition.
 */
public class V3WeChatPay implements WeChatPay {

    private static final Logger log = LoggerFactory.getLogger(V3WeChatPay.class);

    private final WeChatPayV3Client client;
    private final WeChatPayApiProperties settings;
    private final OutsideCalls calls;
    /** polls the order while it is in progress (not a retry of a failure: each poll is a call of its own) */
    private final Retry settling;

    V3WeChatPay(WeChatPayV3Client client, WeChatPayApiProperties settings, OutsideCalls calls) {
        this.client = client;
        this.settings = settings;
        this.calls = calls;
        this.settling = Retry.of("wechat-pay-settle", RetryConfig.<Order>custom()
                .maxAttempts(4)
                .waitDuration(settings.settleWait())
                .retryOnResult(order -> order.state().orElse(null) == Payment.IN_PROGRESS)
                .retryOnException(e -> false)
                .failAfterMaxAttempts(false)
                .build());
    }

    @Override
    public AuthorizationRequest requestAuthorization(String contractCode, String bindingId, String userId) {
        JsonObject body = new JsonObject();
        body.addProperty(APPID, settings.appId());
        body.addProperty(PLAN_ID, settings.planId());
        body.addProperty(OUT_CONTRACT_CODE, contractCode);
        body.addProperty(CONTRACT_DISPLAY_ACCOUNT, settings.contractDisplayAccount());
        body.addProperty(CONTRACT_NOTIFY_URL, settings.contractNotifyUrl());
        body.addProperty(OUT_USER_CODE, userId);
        String url = call(calls.budget(), "request-authorization", () -> client.post("request-authorization", PRE_SIGN_H5, body),
                answer -> require("request-authorization", answer.ok() ? answer.text(REDIRECT_URL) : null, answer), u -> false);
        return new AuthorizationRequest(contractCode, url);
    }

    @Override
    public AuthorizationState queryAuthorization(String contractCode) {
        return query(calls.budget(), contractCode).state();
    }

    private record Contract(AuthorizationState state, String contractId) {
    }

    private Contract query(Budget budget, String contractCode) {
        return call(budget, "query-authorization", () -> client.get("query-authorization", contract(settings.planId(), contractCode)),
                answer -> {
                    if (!answer.ok() && contractUnknown(answer.status(), answer.errorCode())) {
                        return new Contract(new AuthorizationState(AuthorizationStatus.NOT_FOUND, null, null), null);
                    }
                    AuthorizationStatus status = require("query-authorization",
                            answer.ok() ? authorizationState(answer.text(CONTRACT_STATE)).orElse(null) : null, answer);
                    String contractId = answer.text(CONTRACT_ID);
                    boolean hasId = status == AuthorizationStatus.AUTHORIZED || status == AuthorizationStatus.TERMINATED;
                    return new Contract(new AuthorizationState(status, hasId ? contractId : null, null), contractId);
                }, contract -> contract.state().status() == AuthorizationStatus.NOT_FOUND);
    }

    @Override
    public void terminateAuthorization(String contractCode, String reason) {
        Budget budget = calls.budget();
        JsonObject body = new JsonObject();
        body.addProperty(TERMINATION_REMARK, truncate(reason == null || reason.isBlank() ? "binding ended" : reason, 256));
        // ASSUMED: terminating a contract that is terminated already, or that WeChat never signed, answers a 4xx
        Answer answer = call(budget, "terminate", () -> client.post("terminate", terminate(settings.planId(), contractCode), body),
                a -> a, a -> !a.ok());
        if (answer.ok()) {
            log.info("WeChat Pay: contract {} terminated", contractCode);
            return;
        }
        AuthorizationStatus now = query(budget, contractCode).state().status();
        if (now != AuthorizationStatus.TERMINATED && now != AuthorizationStatus.NOT_FOUND) {
            throw unexpected("terminate", answer);
        }
    }

    @Override
    public PaymentResult pay(String outTradeNo, String contractCode, long amountFen, String description) {
        if (amountFen <= 0) {
            throw new IllegalArgumentException("amountFen must be positive: " + amountFen);
        }
        Budget budget = calls.budget();
        Order order = order(budget, outTradeNo);
        if (order.state().isEmpty()) {
            Contract contract = query(budget, contractCode);
            if (contract.state().status() != AuthorizationStatus.AUTHORIZED) {
                return new PaymentResult(PaymentStatus.DECLINED, null, "CONTRACT_NOT_AUTHORIZED");
            }
            Optional<String> declined = deduct(budget, outTradeNo, contract.contractId(), amountFen, description);
            if (declined.isPresent()) {
                return new PaymentResult(PaymentStatus.DECLINED, null, declined.get());
            }
            order = Retry.decorateSupplier(settling, () -> order(budget, outTradeNo)).get();
        } else if (order.state().get() == Payment.IN_PROGRESS) {
            order = Retry.decorateSupplier(settling, () -> order(budget, outTradeNo)).get();
        }
        return switch (order.state().orElse(Payment.IN_PROGRESS)) {
            case PAID -> new PaymentResult(PaymentStatus.SUCCESS, order.transactionId(), null);
            case NOT_PAID -> new PaymentResult(PaymentStatus.DECLINED, null, order.tradeState());
            case IN_PROGRESS -> throw new OutsideSystemUnavailableException(OutsideSystem.WECHAT_PAY.displayName(),
                    "payment " + outTradeNo + " is accepted and not settled yet (" + order.tradeState() + ")");
        };
    }

    /** Schedules the amount and applies for the deduction; WeChat's decline (a code it gives), or empty when accepted. */
    private Optional<String> deduct(Budget budget, String outTradeNo, String contractId, long amountFen, String description) {
        JsonObject schedule = new JsonObject();
        schedule.addProperty(APPID, settings.appId());
        schedule.add(SCHEDULE_AMOUNT, amount(amountFen));
        // it carries no number of ours (ASSUMED harmless to repeat, not confirmed): sent again only when it never left
        Optional<String> declined = call(budget, "schedule-payment", OutsideCalls.Retries.ONLY_IF_NOT_SENT,
                () -> client.post("schedule-payment", WeChatPayApi.schedule(contractId), schedule),
                answer -> declineOrAccept("schedule-payment", answer), Optional::isPresent);
        if (declined.isPresent()) {
            return declined;
        }
        JsonObject apply = new JsonObject();
        apply.addProperty(APPID, settings.appId());
        apply.addProperty(OUT_TRADE_NO, outTradeNo);
        apply.addProperty(DESCRIPTION, truncate(description, 127));
        apply.addProperty(TRANSACTION_NOTIFY_URL, settings.transactionNotifyUrl());
        apply.addProperty(CONTRACT_ID, contractId);
        apply.add(AMOUNT, amount(amountFen));
        declined = call(budget, "pay", () -> client.post("pay", APPLY, apply), answer -> declineOrAccept("pay", answer),
                Optional::isPresent);
        if (declined.isEmpty()) {
            log.info("WeChat Pay: deduction {} of {} fen accepted", outTradeNo, amountFen);
        }
        return declined;
    }

    private static Optional<String> declineOrAccept(String operation, Answer answer) {
        if (answer.ok()) {
            return Optional.empty();
        }
        if (paymentDeclined(answer.errorCode())) {
            return Optional.of(answer.errorCode());
        }
        throw unexpected(operation, answer);
    }

    private record Order(Optional<Payment> state, String tradeState, String transactionId, Long totalFen) {
    }

    private Order order(Budget budget, String outTradeNo) {
        return call(budget, "query-payment", () -> client.get("query-payment", WeChatPayApi.order(outTradeNo, settings.merchantId())),
                answer -> {
                    if (!answer.ok() && orderUnknown(answer.status(), answer.errorCode())) {
                        return new Order(Optional.empty(), null, null, null);
                    }
                    Payment state = require("query-payment", answer.ok() ? paymentState(answer.text(TRADE_STATE)).orElse(null)
                            : null, answer);
                    JsonObject amount = answer.body().has(AMOUNT) && answer.body().get(AMOUNT).isJsonObject()
                            ? answer.body().getAsJsonObject(AMOUNT) : null;
                    Long total = amount != null && amount.has(TOTAL) ? amount.get(TOTAL).getAsLong() : null;
                    if (state == Payment.PAID && total == null) {
                        throw unexpected("query-payment", answer);
                    }
                    return new Order(Optional.of(state), answer.text(TRADE_STATE), answer.text(TRANSACTION_ID), total);
                }, order -> order.state().isEmpty() || order.state().get() == Payment.NOT_PAID);
    }

    @Override
    public RefundResult refundIfPaid(String outRefundNo, String outTradeNo) {
        Budget budget = calls.budget();
        Order order = order(budget, outTradeNo);
        if (order.state().isEmpty() || order.state().get() == Payment.NOT_PAID) {
            return new RefundResult(RefundStatus.NOT_PAID, 0);
        }
        if (order.state().get() == Payment.IN_PROGRESS) {
            throw new OutsideSystemUnavailableException(OutsideSystem.WECHAT_PAY.displayName(),
                    "payment " + outTradeNo + " is not settled yet (" + order.tradeState() + "): refund later");
        }
        long total = order.totalFen();
        call(budget, "refund", () -> client.refund(outRefundNo, outTradeNo, total, total, "bindflow: binding test payment returned"),
                answer -> require("refund", answer.ok() && refunded(answer.text("status")) ? answer.text("status") : null, answer),
                status -> false);
        log.info("WeChat Pay: payment {} refunded ({} fen, refund {})", outTradeNo, total, outRefundNo);
        return new RefundResult(RefundStatus.REFUNDED, total);
    }

    // ---- the wallet entry: ASSUMED partner interface ------------------------------------------------------------------

    @Override
    public AuthorizationState grantBindRequest(String wechatRequestId, String contractCode, String bindingId, String userId) {
        if (wechatRequestId == null) {
            // ASSUMED: no public API makes a contract without the customer's request; such an entry finds nothing
            return new AuthorizationState(AuthorizationStatus.NOT_FOUND, null, null);
        }
        Budget budget = calls.budget();
        JsonObject body = new JsonObject();
        body.addProperty(APPID, settings.appId());
        body.addProperty(PLAN_ID, settings.planId());
        body.addProperty(OUT_CONTRACT_CODE, contractCode);
        body.addProperty(CONTRACT_DISPLAY_ACCOUNT, settings.contractDisplayAccount());
        Answer answer = partnerCall(budget, "grant-bind-request", () -> client.post("grant-bind-request", grant(wechatRequestId), body),
                a -> bindRequestAnswer("grant-bind-request", a), a -> !a.ok());
        if (!answer.ok() && partnerResourceUnknown(answer.status(), answer.errorCode())) {
            return new AuthorizationState(AuthorizationStatus.NOT_FOUND, null, null);
        }
        // the contract as WeChat has it now: made by this grant, or (REQUEST_NOT_PENDING: the request is not open any
        // more) by an earlier try of this job — or none, the request was withdrawn or refused
        AuthorizationState contract = query(budget, contractCode).state();
        if (contract.status() == AuthorizationStatus.AUTHORIZED) {
            return new AuthorizationState(AuthorizationStatus.AUTHORIZED, contract.contractId(), PRIORITY_AFTER_BALANCE);
        }
        if (answer.ok()) {
            throw unexpected("grant-bind-request", answer);
        }
        return new AuthorizationState(AuthorizationStatus.DECLINED, null, null);
    }

    @Override
    public Optional<BindRequestState> bindRequestState(String wechatRequestId) {
        return bindRequest(calls.budget(), wechatRequestId);
    }

    private Optional<BindRequestState> bindRequest(Budget budget, String wechatRequestId) {
        return partnerCall(budget, "bind-request-state", () -> client.get("bind-request-state", WeChatPayApi.bindRequest(wechatRequestId)),
                answer -> {
                    if (!answer.ok() && partnerResourceUnknown(answer.status(), answer.errorCode())) {
                        return Optional.<BindRequestState>empty();
                    }
                    BindRequestStatus state = require("bind-request-state",
                            answer.ok() ? WeChatPayApi.bindRequestState(answer.text(STATE)).orElse(null) : null, answer);
                    return Optional.of(new BindRequestState(require("bind-request-state", answer.text(OUT_USER_CODE), answer),
                            state));
                }, Optional::isEmpty);
    }

    @Override
    public boolean refuseBindRequest(String wechatRequestId, String reason) {
        Budget budget = calls.budget();
        JsonObject body = new JsonObject();
        body.addProperty(REASON, truncate(reason, 256));
        Answer answer = partnerCall(budget, "refuse-bind-request", () -> client.post("refuse-bind-request", refuse(wechatRequestId), body),
                a -> bindRequestAnswer("refuse-bind-request", a), a -> !a.ok());
        if (answer.ok()) {
            return "REFUSED".equals(require("refuse-bind-request", answer.text(STATE), answer));
        }
        if (partnerResourceUnknown(answer.status(), answer.errorCode())) {
            return false;
        }
        // not open any more: refused by an earlier try of this job, or granted, or withdrawn
        return bindRequest(budget, wechatRequestId).map(r -> r.status() == BindRequestStatus.REFUSED).orElse(false);
    }

    /**
     * A grant's or refusal's answer: a 2xx, or one of the two documented 4xx (the request unknown, or not open any
     * more); any other 4xx (a rate limit, a permission, an unsigned status without its code) is a technical failure.
     */
    private static Answer bindRequestAnswer(String operation, Answer answer) {
        if (answer.ok() || partnerResourceUnknown(answer.status(), answer.errorCode())
                || bindRequestClosed(answer.status(), answer.errorCode())) {
            return answer;
        }
        throw unexpected(operation, answer);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------------

    /**
     * One request, its answer read by {@code read} within the attempt (so an answer that makes no sense is counted
     * and retried as the error it is); {@code rejected}: which readings are WeChat's business refusals.
     */
    private <T> T call(Budget budget, String operation, java.util.function.Supplier<Answer> request,
                       java.util.function.Function<Answer, T> read, java.util.function.Predicate<T> rejected) {
        return call(budget, operation, OutsideCalls.Retries.IDEMPOTENT, request, read, rejected);
    }

    private <T> T call(Budget budget, String operation, OutsideCalls.Retries retries, java.util.function.Supplier<Answer> request,
                       java.util.function.Function<Answer, T> read, java.util.function.Predicate<T> rejected) {
        return calls.call(budget, OutsideSystem.WECHAT_PAY, operation, retries, rejected, () -> read.apply(request.get()));
    }

    /** An ASSUMED partner call: idempotent, through a circuit breaker of its own ({@link WeChatPayApi#PARTNER_CIRCUIT}). */
    private <T> T partnerCall(Budget budget, String operation, java.util.function.Supplier<Answer> request,
                       java.util.function.Function<Answer, T> read, java.util.function.Predicate<T> rejected) {
        return calls.call(budget, OutsideSystem.WECHAT_PAY, PARTNER_CIRCUIT, operation, OutsideCalls.Retries.IDEMPOTENT,
                rejected, () -> read.apply(request.get()));
    }

    private static <T> T require(String operation, T value, Answer answer) {
        if (value == null) {
            throw unexpected(operation, answer);
        }
        return value;
    }

    private static JsonObject amount(long fen) {
        JsonObject amount = new JsonObject();
        amount.addProperty(TOTAL, fen);
        amount.addProperty(CURRENCY, CNY);
        return amount;
    }

    private static OutsideCallFailure unexpected(String operation, Answer answer) {
        return new OutsideCallFailure(OutsideSystem.WECHAT_PAY, OutsideCallFailure.Kind.ERROR, operation + ": "
                + (answer.ok() ? "an answer without the expected fields" : "WeChat Pay answered " + answer.status() + " "
                + answer.errorCode()));
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
