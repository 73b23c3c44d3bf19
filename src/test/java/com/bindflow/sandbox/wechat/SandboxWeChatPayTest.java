package com.bindflow.sandbox.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bindflow.binding.Binding;
import com.bindflow.binding.BindingStatus;
import com.bindflow.shared.OutsideSystemUnavailableException;
import com.bindflow.wechat.WeChatPay;
import com.bindflow.support.WeChatTestSupport;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The sandbox WeChat Pay adapter: idempotency on our identifiers, the personas' faults. */
class SandboxWeChatPayTest extends WeChatTestSupport {

    private static String code() {
        return "C" + UUID.randomUUID().toString().replace("-", "").substring(0, 31);
    }

    /** A contract the customer approved (priority 1) through the authorization page. */
    private String authorizedContract(String userId) {
        String code = code();
        String bindingId = UUID.randomUUID().toString();
        wechat.requestAuthorization(code, bindingId, userId);
        wechat.customerActs(bindingId, SandboxWeChatPay.CustomerAction.APPROVE, 1);
        return code;
    }

    @Test
    void requestingAnAuthorizationTwiceIsTheSameRequest() {
        String code = code();
        String bindingId = UUID.randomUUID().toString();

        WeChatPay.AuthorizationRequest first = wechat.requestAuthorization(code, bindingId, "demo-ok");
        WeChatPay.AuthorizationRequest again = wechat.requestAuthorization(code, bindingId, "demo-ok");

        assertThat(first.contractCode()).isEqualTo(code);
        assertThat(first.authorizationUrl()).isEqualTo("/sandbox/wechat/authorizations/" + bindingId);
        assertThat(again).isEqualTo(first);
        assertThat(jdbc.queryForObject("select count(*) from sandbox_wechat_contract", Integer.class)).isOne();
        assertThat(wechat.queryAuthorization(code)).isEqualTo(
                new WeChatPay.AuthorizationState(WeChatPay.AuthorizationStatus.PENDING, null, null));
        assertThat(wechat.queryAuthorization("C-unknown").status()).isEqualTo(WeChatPay.AuthorizationStatus.NOT_FOUND);
    }

    @Test
    void theQueryAnswersWhatTheCustomerDid() {
        String approved = authorizedContract("demo-ok");
        WeChatPay.AuthorizationState state = wechat.queryAuthorization(approved);
        assertThat(state.status()).isEqualTo(WeChatPay.AuthorizationStatus.AUTHORIZED);
        assertThat(state.contractId()).startsWith("Wx").hasSize(28);
        assertThat(state.priority()).isOne();

        String declined = code();
        String b1 = UUID.randomUUID().toString();
        wechat.requestAuthorization(declined, b1, "demo-ok");
        wechat.customerActs(b1, SandboxWeChatPay.CustomerAction.DECLINE, null);
        assertThat(wechat.queryAuthorization(declined).status()).isEqualTo(WeChatPay.AuthorizationStatus.DECLINED);

        // the customer closed the page: WeChat knows no contract
        String abandoned = code();
        String b2 = UUID.randomUUID().toString();
        wechat.requestAuthorization(abandoned, b2, "demo-ok");
        wechat.customerActs(b2, SandboxWeChatPay.CustomerAction.ABANDON, null);
        assertThat(wechat.queryAuthorization(abandoned).status()).isEqualTo(WeChatPay.AuthorizationStatus.NOT_FOUND);
    }

    @Test
    void aPaymentIsIdempotentOnTheTradeNumberAndRefundedInFullOnce() {
        String code = authorizedContract("demo-ok");

        WeChatPay.PaymentResult paid = wechat.pay("T-1", code, 1, "test payment");
        assertThat(paid.status()).isEqualTo(WeChatPay.PaymentStatus.SUCCESS);
        assertThat(paid.transactionId()).startsWith("4200").hasSize(32);
        assertThat(paid.failureReason()).isNull();
        assertThat(wechat.pay("T-1", code, 1, "test payment")).isEqualTo(paid);
        assertThat(jdbc.queryForObject("select count(*) from sandbox_wechat_payment", Integer.class)).isOne();

        assertThat(wechat.refundIfPaid("R-1", "T-1")).isEqualTo(new WeChatPay.RefundResult(WeChatPay.RefundStatus.REFUNDED, 1));
        assertThat(wechat.refundIfPaid("R-1", "T-1")).isEqualTo(new WeChatPay.RefundResult(WeChatPay.RefundStatus.REFUNDED, 1));
        assertThat(jdbc.queryForObject("select refunded_fen from sandbox_wechat_payment where out_trade_no = 'T-1'",
                Long.class)).isOne();
        // paying again with the refunded trade number answers the payment as it was made
        assertThat(wechat.pay("T-1", code, 1, "test payment")).isEqualTo(paid);
    }

    @Test
    void aRefundOfATradeWeChatDoesNotKnowIsNotPaid() {
        assertThat(wechat.refundIfPaid("R-x", "T-never-made"))
                .isEqualTo(new WeChatPay.RefundResult(WeChatPay.RefundStatus.NOT_PAID, 0));
    }

    @Test
    void aPaymentWithoutAuthorizationIsDeclinedEveryTime() {
        String code = code();
        String bindingId = UUID.randomUUID().toString();
        wechat.requestAuthorization(code, bindingId, "demo-ok");

        WeChatPay.PaymentResult declined = wechat.pay("T-2", code, 1, "test payment");
        assertThat(declined).isEqualTo(new WeChatPay.PaymentResult(WeChatPay.PaymentStatus.DECLINED, null,
                SandboxWeChatPay.CONTRACT_NOT_AUTHORIZED));
        // the same trade number stays declined, even after the customer authorized
        wechat.customerActs(bindingId, SandboxWeChatPay.CustomerAction.APPROVE, 2);
        assertThat(wechat.pay("T-2", code, 1, "test payment")).isEqualTo(declined);
        assertThat(wechat.refundIfPaid("R-2", "T-2").status()).isEqualTo(WeChatPay.RefundStatus.NOT_PAID);

        assertThat(wechat.pay("T-3", "C-unknown", 1, "test payment").failureReason())
                .isEqualTo(SandboxWeChatPay.CONTRACT_NOT_AUTHORIZED);
        assertThatThrownBy(() -> wechat.pay("T-4", code, 0, "nothing")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void demoPayDeclinedIsDeclinedByWeChat() {
        String code = authorizedContract("demo-pay-declined");

        WeChatPay.PaymentResult result = wechat.pay("T-5", code, 1, "test payment");

        assertThat(result.status()).isEqualTo(WeChatPay.PaymentStatus.DECLINED);
        assertThat(result.failureReason()).isEqualTo(SandboxWeChatPay.PAYMENT_DECLINED);
        assertThat(wechat.refundIfPaid("R-5", "T-5").status()).isEqualTo(WeChatPay.RefundStatus.NOT_PAID);
    }

    @Test
    void terminatingIsIdempotent() {
        String code = authorizedContract("demo-ok");

        wechat.terminateAuthorization(code, "binding did not complete");
        wechat.terminateAuthorization(code, "again");

        WeChatPay.AuthorizationState state = wechat.queryAuthorization(code);
        assertThat(state.status()).isEqualTo(WeChatPay.AuthorizationStatus.TERMINATED);
        assertThat(wechat.contract(code).orElseThrow().terminateReason()).isEqualTo("binding did not complete");
        // a terminated contract pays nothing
        assertThat(wechat.pay("T-6", code, 1, "x").failureReason()).isEqualTo(SandboxWeChatPay.CONTRACT_NOT_AUTHORIZED);

        // a pending request is withdrawn; an unknown contract is nothing to do
        String pending = code();
        wechat.requestAuthorization(pending, UUID.randomUUID().toString(), "demo-ok");
        wechat.terminateAuthorization(pending, "withdrawn");
        assertThat(wechat.queryAuthorization(pending).status()).isEqualTo(WeChatPay.AuthorizationStatus.TERMINATED);
        wechat.terminateAuthorization("C-unknown", "nothing");
    }

    @Test
    void demoWeChatDownFailsTechnicallyOnTerminateAndNothingChanges() {
        String code = authorizedContract("demo-wechat-down");

        assertThatThrownBy(() -> wechat.terminateAuthorization(code, "undo"))
                .isInstanceOf(OutsideSystemUnavailableException.class).hasMessageContaining("WeChat Pay");
        assertThatThrownBy(() -> wechat.terminateAuthorization(code, "undo again"))
                .isInstanceOf(OutsideSystemUnavailableException.class);

        assertThat(wechat.queryAuthorization(code).status()).isEqualTo(WeChatPay.AuthorizationStatus.AUTHORIZED);
        assertThat(wechat.pay("T-7", code, 1, "test payment").status()).isEqualTo(WeChatPay.PaymentStatus.SUCCESS);
    }

    @Test
    void theNewPersonasAreEligibleLikeDemoOk() {
        for (String userId : new String[] {"demo-pay-declined", "demo-wechat-down"}) {
            Binding binding = startBinding(userId);
            runJobs();
            assertThat(binding(binding.id()).status()).as(userId).isEqualTo(BindingStatus.AWAITING_AGREEMENT);
        }
    }
}
