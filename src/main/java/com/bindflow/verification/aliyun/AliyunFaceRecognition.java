package com.bindflow.verification.aliyun;

import com.bindflow.shared.OutsideCallFailure;
import com.bindflow.shared.OutsideCalls;
import com.bindflow.shared.OutsideRefusal;
import com.bindflow.shared.OutsideSystem;
import com.bindflow.shared.aliyun.AliyunOpenApi;
import com.bindflow.shared.aliyun.AliyunProperties;
import com.bindflow.verification.FaceRecognition;
import java.util.Map;

/**
 * The production {@link FaceRecognition}: Alibaba Cloud ID Verification (cloudauth 2019-03-07), action
 * {@code DescribeFaceVerify}: the result of the liveness and comparison the app ran with Alibaba Cloud's SDK on the
 * phone ({@code InitFaceVerify} for the account holder, in the app's flow), identified by its {@code CertifyId} — our
 * capture token. Read-only, so retried once after an error. What the result codes mean is in {@link #result}, the one
 * place of their interpretation.
 */
public class AliyunFaceRecognition implements FaceRecognition {

    static final String ACTION = "DescribeFaceVerify";
    static final String VERSION = "2019-03-07";

    private final com.aliyun.teaopenapi.Client client;
    private final long sceneId;
    private final OutsideCalls calls;

    AliyunFaceRecognition(AliyunProperties properties, OutsideCalls calls) {
        AliyunProperties checked = properties.checked();
        if (checked.idVerification().faceSceneId() == null) {
            throw new IllegalStateException("bindflow.aliyun.id-verification.face-scene-id must be set (environment "
                    + "variable BINDFLOW_FACE_SCENE_ID): the scene of the face verification in Alibaba Cloud's console");
        }
        this.sceneId = checked.idVerification().faceSceneId();
        this.client = AliyunOpenApi.client("ID Verification", checked.idVerification().endpoint(), checked.accessKeyId(),
                checked.accessKeySecret());
        this.calls = calls;
    }

    @Override
    public Result verify(String userId, String providerToken) {
        if (providerToken == null || providerToken.isBlank() || providerToken.length() > 64) {
            throw new OutsideRefusal("the capture token must be Alibaba Cloud's CertifyId (1 to 64 characters)");
        }
        return calls.call(calls.budget(), OutsideSystem.FACE, "face-result", OutsideCalls.Retries.IDEMPOTENT,
                r -> r != Result.PASS, () -> result(describe(providerToken)));
    }

    private Map<?, ?> describe(String certifyId) {
        try {
            return AliyunOpenApi.rpc(client, ACTION, VERSION,
                    Map.of("SceneId", Long.toString(sceneId), "CertifyId", certifyId));
        } catch (Exception e) {
            throw AliyunOpenApi.failure(OutsideSystem.FACE, "face-result", e);
        }
    }

    /**
     * The answer's meaning. {@code Code} 200 with {@code ResultObject.Passed} T and {@code SubCode} 200 passes; SubCode
     * 204 (the face differs from the registry's photo) is a MISMATCH, 205 (liveness at risk) a SPOOF — CONFIRMED from
     * Alibaba Cloud's documentation of DescribeFaceVerify. ASSUMED: 201 (the identity does not match) is a MISMATCH.
     * 202 (no identity record) and 203 (no usable registry photo) say nothing about the customer's face: the check could
     * not be made, a technical failure (503, no attempt counted), like every SubCode not named here. No SubCode is read
     * as POOR_LIGHTING until Alibaba Cloud confirms one: a capture the phone's SDK could not finish (too dark) is not
     * finished, Code 424 below, and the app lets the customer capture again. {@code Code} 406 (no such CertifyId) and
     * 424 (the capture is not finished) refuse the token ({@link OutsideRefusal}, the port's answer to an unknown
     * token); any other Code is a technical failure.
     */
    static Result result(Map<?, ?> body) {
        String code = AliyunOpenApi.text(body, "Code");
        if ("406".equals(code) || "424".equals(code)) {
            throw new OutsideRefusal("Alibaba Cloud knows no finished face capture for this token (" + code + ")");
        }
        if (!"200".equals(code) || !(body.get("ResultObject") instanceof Map<?, ?> result)) {
            throw new OutsideCallFailure(OutsideSystem.FACE, OutsideCallFailure.Kind.ERROR,
                    "face-result: Alibaba Cloud answered Code " + code);
        }
        String passed = AliyunOpenApi.text(result, "Passed");
        String subCode = AliyunOpenApi.text(result, "SubCode");
        if ("T".equals(passed) && "200".equals(subCode)) {
            return Result.PASS;
        }
        if (!"F".equals(passed) || subCode == null) {
            throw new OutsideCallFailure(OutsideSystem.FACE, OutsideCallFailure.Kind.ERROR,
                    "face-result: an answer without Passed and SubCode");
        }
        return switch (subCode) {
            case "204", "201" -> Result.MISMATCH;
            case "205" -> Result.SPOOF;
            default -> throw new OutsideCallFailure(OutsideSystem.FACE, OutsideCallFailure.Kind.ERROR,
                    "face-result: Alibaba Cloud could not make the check (SubCode " + subCode + ")");
        };
    }
}
