package com.bindflow.binding.otp;

import com.bindflow.binding.BindingProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_ExpireOtp: the code's 5 minutes are over. */
@Component("expireOtp")
public class ExpireOtpDelegate implements JavaDelegate {

    private final OtpService otp;

    public ExpireOtpDelegate(OtpService otp) {
        this.otp = otp;
    }

    @Override
    public void execute(DelegateExecution execution) {
        otp.expire((String) execution.getVariable(BindingProcess.VAR_BINDING_ID),
                (Integer) execution.getVariable(OtpVerificationProcess.VAR_OTP_SEND_NO));
    }
}
