package com.bindflow.binding.otp;

import com.bindflow.binding.BindingProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_SendOtp (async, retried): maps the variables and sends the requested code. */
@Component("sendOtp")
public class SendOtpDelegate implements JavaDelegate {

    private final OtpService otp;

    public SendOtpDelegate(OtpService otp) {
        this.otp = otp;
    }

    @Override
    public void execute(DelegateExecution execution) {
        otp.deliver((String) execution.getVariable(BindingProcess.VAR_BINDING_ID),
                (String) execution.getVariable(BindingProcess.VAR_USER_ID),
                (Integer) execution.getVariable(OtpVerificationProcess.VAR_OTP_SEND_NO));
    }
}
