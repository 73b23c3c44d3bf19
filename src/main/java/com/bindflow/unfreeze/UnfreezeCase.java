package com.bindflow.unfreeze;

import java.time.Instant;

/**
 * One Unfreeze review case of a user (one process instance, business key = id). Open until UNFROZEN or CLOSED; at most
 * one open case per user, and it covers every RISK freeze of the user.
 */
public record UnfreezeCase(String id, String userId, State state, Instant proofDueAt, Instant openedAt, Instant endedAt,
                           String openedByFreezeId) {

    public enum State {
        /** Waiting for the customer's travel proof. */
        AWAITING_PROOF,
        /** A proof is being reviewed. */
        UNDER_REVIEW,
        /** The last proof was rejected; waiting for a new one. */
        REJECTED,
        /** The last proof was approved; the RISK freezes are being lifted. */
        APPROVED,
        /** Ended: the RISK freezes the review covered are lifted. */
        UNFROZEN,
        /** Ended without a proof in time: still frozen. */
        CLOSED;

        public boolean acceptsProof() {
            return this == AWAITING_PROOF || this == REJECTED;
        }
    }
}
