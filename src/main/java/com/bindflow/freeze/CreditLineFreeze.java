package com.bindflow.freeze;

import java.time.Instant;

/** One row of {@code credit_line_freeze}: active while {@code liftedAt} is null. */
public record CreditLineFreeze(String id, String userId, FreezeCause cause, String reason, String evidenceRef,
                               Instant frozenAt, Instant liftedAt, String liftedReason) {

    public boolean active() {
        return liftedAt == null;
    }
}
