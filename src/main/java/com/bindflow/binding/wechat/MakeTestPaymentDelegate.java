package com.bindflow.binding.wechat;

import com.bindflow.binding.BindingProcess;
import com.bindflow.wechat.WeChatPay;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_MakeTestPayment (async): sets {@code testPaymentStatus} (SUCCESS or DECLINED). */
@Component("makeTestPayment")
public class MakeTestPaymentDelegate implements JavaDelegate {

    private final WeChatBindingService wechat;

    public MakeTestPaymentDelegate(WeChatBindingService wechat) {
        this.wechat = wechat;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String bindingId = (String) execution.getVariable(BindingProcess.VAR_BINDING_ID);
        WeChatPay.PaymentResult result = wechat.makeTestPayment(bindingId);
        execution.setVariable(BindingProcess.VAR_TEST_PAYMENT_STATUS, result.status().name());
    }
}
