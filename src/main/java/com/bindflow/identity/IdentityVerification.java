package com.bindflow.identity;

/**
 * Port to the identity check: compares a real name and ID number with public-security (公安) data.
 * Throws {@link com.bindflow.shared.OutsideSystemUnavailableException} on a technical failure.
 */
public interface IdentityVerification {

    enum Result { MATCH, MISMATCH, NOT_FOUND }

    Result verify(String realName, String idNumber);
}
