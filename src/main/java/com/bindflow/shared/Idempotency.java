package com.bindflow.shared;

import java.security.Principal;
import org.springframework.http.HttpStatus;

/**
 * The {@code Idempotency-Key} header of the creating POSTs: keys are scoped per API client; the same key and body
 * answer what the first request created, the same key with another body is a 422.
 */
public final class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final int MAX_KEY = 255;

    private Idempotency() {
    }

    /** The header's value, checked: 1 to 255 characters, no control character (400 otherwise). */
    public static String key(String header) {
        if (header == null || header.isBlank() || header.length() > MAX_KEY || Texts.firstControl(header) >= 0) {
            throw ApiProblem.badRequest(HEADER, "The " + HEADER + " header must have 1 to " + MAX_KEY
                    + " characters, none of them a control character.");
        }
        return header;
    }

    /** The API client a key belongs to. */
    public static String client(Principal caller) {
        return caller == null ? "anonymous" : caller.getName();
    }

    public static ApiProblem reused() {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "IDEMPOTENCY_KEY_REUSED", HEADER,
                "This " + HEADER + " was used with a different request body.");
    }
}
