package com.bindflow.shared;

/**
 * An outside system's clear business refusal of our input, as its adapter read it from a documented answer (e.g. the
 * face provider knows no capture for the token): not a technical failure. {@link OutsideCalls} counts it as
 * {@code rejected}, never sends it again and the circuit breaker does not count it; the caller answers it (a 400
 * naming the field). Only this exception is a refusal: any other one an adapter throws (an
 * {@link IllegalArgumentException} from reading a number, say) is a technical failure.
 */
public class OutsideRefusal extends RuntimeException {

    public OutsideRefusal(String message) {
        super(message);
    }
}
