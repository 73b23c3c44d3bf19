package com.bindflow.binding.wechat;

import com.bindflow.binding.BindingProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RequestWeChatAuthorization (JD-app entry, async): asks WeChat for the authorization page. */
@Component("requestWeChatAuthorization")
public class RequestWeChatAuthorizationDelegate implements JavaDelegate {

    private final WeChatBindingService wechat;

    public RequestWeChatAuthorizationDelegate(WeChatBindingService wechat) {
        this.wechat = wechat;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String bindingId = (String) execution.getVariable(BindingProcess.VAR_BINDING_ID);
        wechat.requestAuthorization(bindingId,
                (String) execution.getVariable(BindingProcess.VAR_USER_ID));
    }
}
