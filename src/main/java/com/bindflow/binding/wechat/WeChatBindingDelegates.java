package com.bindflow.binding.wechat;

import com.bindflow.binding.BindingProcess;
import com.bindflow.wechat.WeChatPay;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The delegates of the WeChat steps of Binding.bpmn and BindingUndo.bpmn: each maps variables in and out and
 * calls {@link WeChatBindingService}. Those with a side effect at WeChat run as async, retried jobs.
 */
@Configuration(proxyBeanMethods = false)
public class WeChatBindingDelegates {

    private static String bindingId(DelegateExecution execution) {
        return (String) execution.getVariable(BindingProcess.VAR_BINDING_ID);
    }

    /** Task_CheckThirdPartySwitch (wallet entry): sets {@code thirdPartyAuthorization}. */
    @Bean
    JavaDelegate checkThirdPartySwitch(WeChatBindingService wechat) {
        return execution -> execution.setVariable(BindingProcess.VAR_THIRD_PARTY_AUTHORIZATION,
                wechat.thirdPartyAuthorizationOn((String) execution.getVariable(BindingProcess.VAR_USER_ID)));
    }

    /**
     * Task_GrantWeChatRequest (wallet entry): sets {@code authorizationStatus} and, when authorized, the contract and
     * priority, as an authorization notification does.
     */
    @Bean
    JavaDelegate grantWeChatRequest(WeChatBindingService wechat) {
        return execution -> {
            WeChatPay.AuthorizationState state = wechat.grantBindRequest(bindingId(execution));
            execution.setVariable(BindingProcess.VAR_AUTHORIZATION_STATUS, state.status().name());
            if (state.status() == WeChatPay.AuthorizationStatus.AUTHORIZED) {
                execution.setVariable(BindingProcess.VAR_WECHAT_CONTRACT_ID, state.contractId());
                execution.setVariable(BindingProcess.VAR_PAYMENT_PRIORITY, state.priority());
            }
        };
    }

    /** Task_RefuseWeChatRequest (BindingUndo): sets {@code wechatRequestRefused}. */
    @Bean
    JavaDelegate refuseWeChatRequest(WeChatBindingService wechat) {
        return execution -> execution.setVariable(BindingProcess.VAR_WECHAT_REQUEST_REFUSED,
                wechat.refuseBindRequest(bindingId(execution)));
    }

    /** Task_RequestWeChatAuthorization. */
    @Bean
    JavaDelegate requestWeChatAuthorization(WeChatBindingService wechat) {
        return execution -> wechat.requestAuthorization(bindingId(execution),
                (String) execution.getVariable(BindingProcess.VAR_USER_ID));
    }

    /** Task_QueryWeChatAuthorization: sets {@code authorizationStatus} and, when authorized, the contract and priority. */
    @Bean
    JavaDelegate queryWeChatAuthorization(WeChatBindingService wechat) {
        return execution -> {
            WeChatPay.AuthorizationState state = wechat.queryAuthorization(bindingId(execution));
            execution.setVariable(BindingProcess.VAR_AUTHORIZATION_STATUS, state.status().name());
            if (state.status() == WeChatPay.AuthorizationStatus.AUTHORIZED) {
                execution.setVariable(BindingProcess.VAR_WECHAT_CONTRACT_ID, state.contractId());
                execution.setVariable(BindingProcess.VAR_PAYMENT_PRIORITY, state.priority());
            }
        };
    }

    /** Task_RecordAuthorization. */
    @Bean
    JavaDelegate recordWeChatAuthorization(WeChatBindingService wechat) {
        return execution -> wechat.recordAuthorization(bindingId(execution),
                (String) execution.getVariable(BindingProcess.VAR_WECHAT_CONTRACT_ID),
                (Integer) execution.getVariable(BindingProcess.VAR_PAYMENT_PRIORITY));
    }

    /** Task_MakeTestPayment: sets {@code testPaymentStatus} (SUCCESS or DECLINED). */
    @Bean
    JavaDelegate makeTestPayment(WeChatBindingService wechat) {
        return execution -> {
            WeChatPay.PaymentResult result = wechat.makeTestPayment(bindingId(execution));
            execution.setVariable(BindingProcess.VAR_TEST_PAYMENT_STATUS, result.status().name());
        };
    }

    /** Task_RefundTestPayment (after success, and in BindingUndo): sets {@code testPaymentRefunded}. */
    @Bean
    JavaDelegate refundTestPayment(WeChatBindingService wechat) {
        return execution -> {
            WeChatPay.RefundResult result = wechat.refundTestPayment(bindingId(execution));
            execution.setVariable(BindingProcess.VAR_TEST_PAYMENT_REFUNDED, result.status() == WeChatPay.RefundStatus.REFUNDED);
        };
    }

    /** Task_TerminateAuthorization (BindingUndo): sets {@code authorizationRevoked} when there was something to revoke. */
    @Bean
    JavaDelegate terminateWeChatAuthorization(WeChatBindingService wechat) {
        return execution -> execution.setVariable(BindingProcess.VAR_AUTHORIZATION_REVOKED,
                wechat.terminateAuthorization(bindingId(execution), "binding did not complete"));
    }
}
