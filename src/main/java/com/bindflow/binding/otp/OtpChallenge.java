package com.bindflow.binding.otp;

import java.time.Instant;

/** One SMS code sent (or being sent) for a binding: the n-th send, when it expires, how it ended. */
public record OtpChallenge(String bindingId, int sendNo, Instant requestedAt, Instant expiresAt, Instant sentAt,
                           int wrongAttempts, State state) {

    public enum State {
        /** requested, the SMS job has not sent it yet */
        PENDING,
        /** sent; may be entered until it expires */
        SENT,
        /** entered correctly (single use) */
        USED,
        /** too many wrong entries */
        LOCKED,
        /** its 5 minutes passed */
        EXPIRED,
        /** a newer code replaced it */
        SUPERSEDED
    }

    public boolean enterable() {
        return state == State.SENT;
    }
}
