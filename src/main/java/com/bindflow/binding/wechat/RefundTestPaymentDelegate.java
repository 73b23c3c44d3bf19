package com.bindflow.binding.wechat;

import com.bindflow.binding.BindingProcess;
import com.bindflow.wechat.WeChatPay;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RefundTestPayment (after success, and in BindingUndo; async): sets {@code testPaymentRefunded}. */
@Component("refundTestPayment")
public class RefundTestPaymentDelegate implements JavaDelegate {

    private final WeChatBindingService wechat;

    public RefundTestPaymentDelegate(WeChatBindingService wechat) {
        this.wechat = wechat;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String bindingId = (String) execution.getVariable(BindingProcess.VAR_BINDING_ID);
        WeChatPay.RefundResult result = wechat.refundTestPayment(bindingId);
        execution.setVariable(BindingProcess.VAR_TEST_PAYMENT_REFUNDED,
                result.status() == WeChatPay.RefundStatus.REFUNDED);
    }
}
