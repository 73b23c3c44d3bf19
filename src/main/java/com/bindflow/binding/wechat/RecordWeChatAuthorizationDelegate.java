package com.bindflow.binding.wechat;

import com.bindflow.binding.BindingProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RecordAuthorization: records WeChat's contract and the customer's priority on the binding. */
@Component("recordWeChatAuthorization")
public class RecordWeChatAuthorizationDelegate implements JavaDelegate {

    private final WeChatBindingService wechat;

    public RecordWeChatAuthorizationDelegate(WeChatBindingService wechat) {
        this.wechat = wechat;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String bindingId = (String) execution.getVariable(BindingProcess.VAR_BINDING_ID);
        wechat.recordAuthorization(bindingId,
                (String) execution.getVariable(BindingProcess.VAR_WECHAT_CONTRACT_ID),
                (Integer) execution.getVariable(BindingProcess.VAR_PAYMENT_PRIORITY));
    }
}
