package com.bindflow.identity.aliyun;

import com.bindflow.identity.IdentityVerification;
import com.bindflow.shared.OutsideCallFailure;
import com.bindflow.shared.OutsideCalls;
import com.bindflow.shared.OutsideSystem;
import com.bindflow.shared.aliyun.AliyunOpenApi;
import com.bindflow.shared.aliyun.AliyunProperties;
import java.util.Map;

/**
 * The production {@link IdentityVerification}: Alibaba Cloud ID Verification (cloudauth 2019-03-07), action
 * {@code Id2MetaVerify}, the public-security two-element check (real name and ID number), called through the SDK's
 * generic client (the typed cloudauth SDK with this action is not on Maven Central in a version that has it).
 * Read-only, so retried once after an error. Name and number travel in the request only, never into a log.
 */
public class AliyunIdentityVerification implements IdentityVerification {

    static final String ACTION = "Id2MetaVerify";
    static final String VERSION = "2019-03-07";

    private final com.aliyun.teaopenapi.Client client;
    private final OutsideCalls calls;

    AliyunIdentityVerification(AliyunProperties properties, OutsideCalls calls) {
        AliyunProperties checked = properties.checked();
        this.client = AliyunOpenApi.client("ID Verification", checked.idVerification().endpoint(), checked.accessKeyId(),
                checked.accessKeySecret());
        this.calls = calls;
    }

    @Override
    public Result verify(String realName, String idNumber) {
        return calls.call(calls.budget(), OutsideSystem.IDENTITY, "verify-identity", OutsideCalls.Retries.IDEMPOTENT,
                r -> r != Result.MATCH, () -> result(check(realName, idNumber)));
    }

    private Map<?, ?> check(String realName, String idNumber) {
        try {
            return AliyunOpenApi.rpc(client, ACTION, VERSION,
                    Map.of("ParamType", "normal", "UserName", realName, "IdentifyNum", idNumber));
        } catch (Exception e) {
            throw AliyunOpenApi.failure(OutsideSystem.IDENTITY, "verify-identity", e);
        }
    }

    /**
     * The answer's meaning: {@code Code} 200 and {@code ResultObject.BizCode} 1 (consistent) MATCH, 2 (inconsistent)
     * MISMATCH, 3 (no record) NOT_FOUND — CONFIRMED for Id2MetaStandardVerify and Id2MetaVerifyIntl in Alibaba Cloud's
     * documentation, ASSUMED the same for Id2MetaVerify. Any other Code or BizCode is a technical failure.
     */
    static Result result(Map<?, ?> body) {
        String code = AliyunOpenApi.text(body, "Code");
        if ("200".equals(code) && body.get("ResultObject") instanceof Map<?, ?> result) {
            switch (String.valueOf(AliyunOpenApi.text(result, "BizCode"))) {
                case "1" -> {
                    return Result.MATCH;
                }
                case "2" -> {
                    return Result.MISMATCH;
                }
                case "3" -> {
                    return Result.NOT_FOUND;
                }
                default -> {
                }
            }
        }
        throw new OutsideCallFailure(OutsideSystem.IDENTITY, OutsideCallFailure.Kind.ERROR,
                "verify-identity: Alibaba Cloud answered Code " + code + " without a known BizCode");
    }
}
