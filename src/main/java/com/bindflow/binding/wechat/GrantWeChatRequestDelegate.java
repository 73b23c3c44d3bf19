package com.bindflow.binding.wechat;

import com.bindflow.binding.BindingProcess;
import com.bindflow.wechat.WeChatPay;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_GrantWeChatRequest (wallet entry, async): sets {@code authorizationStatus} and, when authorized, the contract
 * and priority, as an authorization notification does.
 */
@Component("grantWeChatRequest")
public class GrantWeChatRequestDelegate implements JavaDelegate {

    private final WeChatBindingService wechat;

    public GrantWeChatRequestDelegate(WeChatBindingService wechat) {
        this.wechat = wechat;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String bindingId = (String) execution.getVariable(BindingProcess.VAR_BINDING_ID);
        WeChatPay.AuthorizationState state = wechat.grantBindRequest(bindingId);
        AuthorizationVariables.set(execution, state);
    }
}
