package com.bindflow.binding;

/**
 * The SMS-code step's progress as a binding's answer shows it while the binding is {@code AWAITING_OTP}. Provided by the
 * SMS-code step ({@code binding.otp}), which depends on binding and not the other way round.
 */
public interface OtpProgress {

    BindingView.Otp of(String bindingId);
}
