package com.bindflow.binding.wechat;

import com.bindflow.binding.BindingProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_TerminateAuthorization (BindingUndo) and Task_RevokeAuthorization (Unbinding), async: sets
 * {@code authorizationRevoked} when there was something to revoke.
 */
@Component("terminateWeChatAuthorization")
public class TerminateWeChatAuthorizationDelegate implements JavaDelegate {

    private final WeChatBindingService wechat;

    public TerminateWeChatAuthorizationDelegate(WeChatBindingService wechat) {
        this.wechat = wechat;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String bindingId = (String) execution.getVariable(BindingProcess.VAR_BINDING_ID);
        execution.setVariable(BindingProcess.VAR_AUTHORIZATION_REVOKED,
                wechat.terminateAuthorization(bindingId, "binding did not complete"));
    }
}
