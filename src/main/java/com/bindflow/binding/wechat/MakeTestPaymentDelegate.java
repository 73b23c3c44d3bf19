package com.bindflow.binding.wechat;

import com.bindflow.binding.BindingProcess;
import com.bindflow.wechat.WeChatPay;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_MakeTestPayment (async): the 0.01 CNY test payment. WeChat's decline is a business outcome: the BPMN error
 * TEST_PAYMENT_DECLINED, caught by Event_TestPaymentDeclined.
 */
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
        if (result.status() != WeChatPay.PaymentStatus.SUCCESS) {
            throw new BpmnError(BindingProcess.ERROR_TEST_PAYMENT_DECLINED, "WeChat declined the test payment: "
                    + result.failureReason());
        }
    }
}
