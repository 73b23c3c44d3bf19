package com.bindflow.binding.wechat;

import com.bindflow.binding.BindingProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RefuseWeChatRequest (BindingUndo, async): sets {@code wechatRequestRefused}. */
@Component("refuseWeChatRequest")
public class RefuseWeChatRequestDelegate implements JavaDelegate {

    private final WeChatBindingService wechat;

    public RefuseWeChatRequestDelegate(WeChatBindingService wechat) {
        this.wechat = wechat;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String bindingId = (String) execution.getVariable(BindingProcess.VAR_BINDING_ID);
        execution.setVariable(BindingProcess.VAR_WECHAT_REQUEST_REFUSED, wechat.refuseBindRequest(bindingId));
    }
}
