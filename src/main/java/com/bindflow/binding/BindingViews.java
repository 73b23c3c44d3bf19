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
        BindingRepository.WithHistory found = bindings.findWithHistory(id).orElseThrow(() -> BindingSteps.notFound(id));
        return of(found.binding(), found.history());
    }

    public BindingView of(Binding binding) {
        return of(binding, bindings.history(binding.id()));
    }

    private BindingView of(Binding binding, java.util.List<Binding.StatusChange> history) {
        return BindingView.of(binding, history, binding.status() == BindingStatus.AWAITING_OTP ? otp.of(binding.id()) : null);
    }
}
