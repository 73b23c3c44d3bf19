package com.bindflow.sandbox.verification;

import com.bindflow.sandbox.SandboxOnly;
import com.bindflow.shared.OutsideRefusal;
import com.bindflow.verification.FaceRecognition;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The face-recognition provider in sandbox mode: the app sends one of the sandbox's capture tokens, as payment
 * providers' test modes use magic values: {@code pass}, {@code poor-lighting}, {@code mismatch}, {@code spoof}.
 */
@Component
@SandboxOnly
public class SandboxFaceRecognition implements FaceRecognition {

    private static final Map<String, Result> TOKENS = Map.of(
            "pass", Result.PASS,
            "poor-lighting", Result.POOR_LIGHTING,
            "mismatch", Result.MISMATCH,
            "spoof", Result.SPOOF);

    @Override
    public Result verify(String userId, String providerToken) {
        Result result = TOKENS.get(providerToken);
        if (result == null) {
            throw new OutsideRefusal("the sandbox face provider knows the tokens " + TOKENS.keySet()
                    + ", not '" + providerToken + "'");
        }
        return result;
    }
}
