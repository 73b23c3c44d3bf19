package com.bindflow.binding.wechat;

import com.bindflow.binding.BindingProcess;
import com.bindflow.wechat.WeChatPay;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/** What WeChat says of an authorization, as the process variables an authorization notification sets too. */
final class AuthorizationVariables {

    private AuthorizationVariables() {
    }

    /** {@code authorizationStatus} and, when authorized, {@code wechatContractId} and {@code paymentPriority}. */
    static void set(DelegateExecution execution, WeChatPay.AuthorizationState state) {
        execution.setVariable(BindingProcess.VAR_AUTHORIZATION_STATUS, state.status().name());
        if (state.status() == WeChatPay.AuthorizationStatus.AUTHORIZED) {
            execution.setVariable(BindingProcess.VAR_WECHAT_CONTRACT_ID, state.contractId());
            execution.setVariable(BindingProcess.VAR_PAYMENT_PRIORITY, state.priority());
        }
    }
}
