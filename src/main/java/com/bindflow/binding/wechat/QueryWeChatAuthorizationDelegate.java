package com.bindflow.binding.wechat;

import com.bindflow.binding.BindingProcess;
import com.bindflow.wechat.WeChatPay;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_QueryWeChatAuthorization (async): sets {@code authorizationStatus} and, when authorized, the contract and
 * priority.
 */
@Component("queryWeChatAuthorization")
public class QueryWeChatAuthorizationDelegate implements JavaDelegate {

    private final WeChatBindingService wechat;

    public QueryWeChatAuthorizationDelegate(WeChatBindingService wechat) {
        this.wechat = wechat;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String bindingId = (String) execution.getVariable(BindingProcess.VAR_BINDING_ID);
        WeChatPay.AuthorizationState state = wechat.queryAuthorization(bindingId);
        AuthorizationVariables.set(execution, state);
    }
}
