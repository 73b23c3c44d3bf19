package com.bindflow.binding.wechat;

import com.bindflow.binding.BindingProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_CheckThirdPartySwitch (wallet entry, async): sets {@code thirdPartyAuthorization}. */
@Component("checkThirdPartySwitch")
public class CheckThirdPartySwitchDelegate implements JavaDelegate {

    private final WeChatBindingService wechat;

    public CheckThirdPartySwitchDelegate(WeChatBindingService wechat) {
        this.wechat = wechat;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(BindingProcess.VAR_THIRD_PARTY_AUTHORIZATION,
                wechat.thirdPartyAuthorizationOn((String) execution.getVariable(BindingProcess.VAR_USER_ID)));
    }
}
