package com.bindflow.verification;

/**
 * Port to the face-recognition provider (outside system): liveness and match of the customer's face against the
 * account holder, for a capture the provider's SDK made on the phone and identifies by a token. Throws
 * {@link com.bindflow.shared.OutsideSystemUnavailableException} on a technical failure.
 */
public interface FaceRecognition {

    enum Result {
        /** live and matching */
        PASS,
        /** the capture was unusable (e.g. poor lighting): the customer may try again */
        POOR_LIGHTING,
        /** a live face, but not the account holder's */
        MISMATCH,
        /** not a live face (photo, screen, mask) */
        SPOOF
    }

    /**
     * Verifies the capture {@code providerToken}; the provider's refusal of the token (unknown, unfinished) is an
     * {@link com.bindflow.shared.OutsideRefusal}.
     */
    Result verify(String userId, String providerToken);
}
