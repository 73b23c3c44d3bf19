package com.bindflow.binding;

import org.springframework.stereotype.Component;

/**
 * Builds every answer that shows a binding ({@link BindingView}): the record, its timeline and, in the SMS-code step,
 * the code's progress. The binding's controllers and those of its steps (SMS code, face) answer through it.
 */
@Component
public class BindingViews {

    private final BindingRepository bindings;
    private final OtpProgress otp;

    public BindingViews(BindingRepository bindings, OtpProgress otp) {
        this.bindings = bindings;
        this.otp = otp;
    }

    /** The binding as it is now; a 404 for an unknown binding. */
    public BindingView get(String id) {
        return of(bindings.find(id).orElseThrow(() -> BindingSteps.notFound(id)));
    }

    public BindingView of(Binding binding) {
        return BindingView.of(binding, bindings.history(binding.id()),
                binding.status() == BindingStatus.AWAITING_OTP ? otp.of(binding.id()) : null);
    }
}
