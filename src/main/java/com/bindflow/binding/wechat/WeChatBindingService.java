package com.bindflow.binding.wechat;

import com.bindflow.binding.Binding;
import com.bindflow.binding.BindingSteps;
import com.bindflow.binding.BindingStatus;
import com.bindflow.wechat.WeChatPay;
import com.bindflow.wechat.WeChatWallets;
import com.bindflow.wechat.notification.WeChatEvent;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * What a binding asks of WeChat Pay (SPEC steps 4 and 6, and undoing them): the authorization request, its query,
 * the 0.01 CNY test payment and its refund, and the termination of the authorization. Our identifiers are derived
 * from the binding id, so each call is idempotent and an undo can always find what may have been done.
 */
@Service
public class WeChatBindingService {

    /** The test payment (扫码 1 分钱): one fen. */
    public static final long TEST_PAYMENT_FEN = 1;

    private final WeChatPay wechat;
    private final WeChatWallets wallets;
    private final BindingSteps bindings;

    public WeChatBindingService(WeChatPay wechat, WeChatWallets wallets, BindingSteps bindings) {
        this.wechat = wechat;
        this.wallets = wallets;
        this.bindings = bindings;
    }

    /**
     * The binding a WeChat event is about, when it names one of ours: a binding id whose contract code is the event's
     * (our contract codes are derived from binding ids). Empty for anything else.
     */
    public static Optional<String> bindingOf(WeChatEvent event) {
        String bindingId = event.string("binding_id");
        return bindingId != null && Binding.contractCodeOf(bindingId).equals(event.string("contract_code"))
                ? Optional.of(bindingId) : Optional.empty();
    }

    public static String testPaymentTradeNo(String bindingId) {
        return "T" + Binding.contractCodeOf(bindingId).substring(0, 31);
    }

    public static String testPaymentRefundNo(String bindingId) {
        return "R" + Binding.contractCodeOf(bindingId).substring(0, 31);
    }

    /**
     * Locks the binding's row (a cancel waits for this job, or this job for the cancel) and checks the binding is
     * still at the step, so nothing is asked of WeChat for a binding a cancel has just ended.
     */
    private void lockAt(String bindingId, BindingStatus expected) {
        BindingStatus now = bindings.lock(bindingId).orElseThrow().status();
        if (now != expected) {
            throw new IllegalStateException("binding " + bindingId + " is " + now + ", not " + expected
                    + ": WeChat is not called");
        }
    }

    /** Step 4: asks WeChat for the authorization page; records the contract code and the page's URL. */
    public WeChatPay.AuthorizationRequest requestAuthorization(String bindingId, String userId) {
        lockAt(bindingId, BindingStatus.AWAITING_WECHAT_AUTHORIZATION);
        WeChatPay.AuthorizationRequest request = wechat.requestAuthorization(Binding.contractCodeOf(bindingId), bindingId, userId);
        bindings.recordAuthorizationRequest(bindingId, request.contractCode(), request.authorizationUrl());
        return request;
    }

    /** Wallet entry, first step: is the customer's WeChat third-party service authorization switch on? */
    public boolean thirdPartyAuthorizationOn(String userId) {
        return wallets.walletOf(userId).thirdPartyAuthorization();
    }

    /**
     * Wallet entry, step 4: grants WeChat's binding request (Baitiao right after 零钱) and records the contract code.
     * Returns what WeChat reports: AUTHORIZED with the contract and priority, or (the request was withdrawn, refused or
     * is unknown at WeChat) anything else, a business outcome the process takes.
     */
    public WeChatPay.AuthorizationState grantBindRequest(String bindingId) {
        lockAt(bindingId, BindingStatus.AWAITING_WECHAT_AUTHORIZATION);
        Binding binding = bindings.find(bindingId).orElseThrow();
        String contractCode = Binding.contractCodeOf(bindingId);
        WeChatPay.AuthorizationState state = wechat.grantBindRequest(binding.wechat().requestId(), contractCode,
                bindingId, binding.userId());
        if (state.status() == WeChatPay.AuthorizationStatus.AUTHORIZED) {
            bindings.recordAuthorizationRequest(bindingId, contractCode, null);
        }
        return state;
    }

    /**
     * Undo: refuses WeChat's binding request (wallet entry) if it is still open. Returns whether it stands refused;
     * false for a JD-app binding (no request) or a request already granted.
     */
    public boolean refuseBindRequest(String bindingId) {
        Binding binding = bindings.find(bindingId).orElse(null);
        if (binding == null || binding.wechat().requestId() == null) {
            return false;
        }
        // WeChat shows the customer why: the message of the status the binding ends with (e.g. the switch guidance)
        String reason = binding.statusMessage() != null ? binding.statusMessage() : String.join(", ", binding.reasonCodes());
        return wechat.refuseBindRequest(binding.wechat().requestId(), reason.isBlank() ? "binding did not complete" : reason);
    }

    /** No notification came: asks WeChat where the authorization stands. */
    public WeChatPay.AuthorizationState queryAuthorization(String bindingId) {
        return wechat.queryAuthorization(Binding.contractCodeOf(bindingId));
    }

    /** WeChat authorized (by notification or query): records the contract and the customer's priority. */
    public void recordAuthorization(String bindingId, String contractId, Integer priority) {
        bindings.recordAuthorization(bindingId, contractId, priority);
    }

    /** Step 6: the 0.01 CNY test payment, idempotent on its trade number. */
    public WeChatPay.PaymentResult makeTestPayment(String bindingId) {
        lockAt(bindingId, BindingStatus.VERIFYING_PAYMENT);
        return wechat.pay(testPaymentTradeNo(bindingId), Binding.contractCodeOf(bindingId), TEST_PAYMENT_FEN,
                "bindflow binding test payment");
    }

    /** Refunds the test payment if WeChat has it (after success, and when undoing). */
    public WeChatPay.RefundResult refundTestPayment(String bindingId) {
        return wechat.refundIfPaid(testPaymentRefundNo(bindingId), testPaymentTradeNo(bindingId));
    }

    /**
     * Undo: ends the authorization (or withdraws a pending request); harmless when there is none. Returns whether
     * an authorization the customer had given was revoked.
     */
    public boolean terminateAuthorization(String bindingId, String reason) {
        String contractCode = Binding.contractCodeOf(bindingId);
        WeChatPay.AuthorizationStatus before = wechat.queryAuthorization(contractCode).status();
        wechat.terminateAuthorization(contractCode, reason);
        // TERMINATED before: this job ran before and its commit was lost; an authorization we had recorded was revoked
        return before == WeChatPay.AuthorizationStatus.AUTHORIZED || (before == WeChatPay.AuthorizationStatus.TERMINATED
                && bindings.find(bindingId).map(b -> b.wechat().contractId() != null).orElse(false));
    }
}
