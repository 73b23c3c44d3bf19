package com.bindflow.binding.otp;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Six-digit SMS codes derived like HOTP (RFC 4226): HMAC-SHA256 over the binding id and the send number, dynamic
 * truncation, modulo 10^6. Nothing secret is stored, every node derives the same code, and a send job that runs
 * twice sends the same code twice rather than two different ones.
 */
public final class OtpCodes {

    private final SecretKeySpec key;

    public OtpCodes(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String codeFor(String bindingId, int sendNo) {
        byte[] h = hmac(bindingId + ":" + sendNo);
        int offset = h[h.length - 1] & 0x0f;
        int binary = ((h[offset] & 0x7f) << 24) | ((h[offset + 1] & 0xff) << 16)
                | ((h[offset + 2] & 0xff) << 8) | (h[offset + 3] & 0xff);
        return String.format("%06d", binary % 1_000_000);
    }

    /** Constant-time comparison of an entered code with the expected one. */
    public boolean matches(String bindingId, int sendNo, String entered) {
        return MessageDigest.isEqual(codeFor(bindingId, sendNo).getBytes(StandardCharsets.US_ASCII),
                entered.getBytes(StandardCharsets.US_ASCII));
    }

    private byte[] hmac(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
