package com.bindflow.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.StringJoiner;

/**
 * The fingerprint of a request kept beside its Idempotency-Key: the same key with another body is refused. SHA-256 in
 * hex of the request's fields joined by line breaks.
 */
public final class RequestHash {

    private RequestHash() {
    }

    public static String of(Object... fields) {
        StringJoiner body = new StringJoiner("\n");
        for (Object field : fields) {
            body.add(String.valueOf(field));
        }
        return sha256Hex(body.toString());
    }

    /** SHA-256 of the text's UTF-8 bytes, in hex. */
    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** SHA-256 of these bytes. */
    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);   // every Java platform has SHA-256
        }
    }
}
