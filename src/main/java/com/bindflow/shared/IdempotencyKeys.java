package com.bindflow.shared;

import org.springframework.http.HttpStatus;

/** The rules of the {@code Idempotency-Key} header, the same for every endpoint that takes one (keys are per API client). */
public final class IdempotencyKeys {

    private IdempotencyKeys() {
    }

    /** A key has 1 to 255 characters (400 otherwise). */
    public static void check(String key) {
        if (key.isBlank() || key.length() > 255) {
            throw ApiProblem.badRequest("Idempotency-Key", "The Idempotency-Key header must have 1 to 255 characters.");
        }
    }

    /** The refusal of a key used before with another request body (422). */
    public static ApiProblem reusedWithOtherBody() {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "IDEMPOTENCY_KEY_REUSED", "Idempotency-Key",
                "This Idempotency-Key was used with a different request body.");
    }
}
