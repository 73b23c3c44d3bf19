package com.bindflow.verification.aliyun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bindflow.shared.OutsideCallFailure;
import com.bindflow.shared.OutsideRefusal;
import com.bindflow.shared.aliyun.AliyunProperties;
import com.bindflow.support.OutsideCallsForTests;
import com.bindflow.support.standins.AliyunStandIn;
import com.bindflow.support.standins.StandInFault;
import com.bindflow.verification.FaceRecognition.Result;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The production face recognition (Alibaba Cloud ID Verification, DescribeFaceVerify) against the stand-in: each
 * result of a capture, an unknown token refused (not retried), and every fault a technical failure.
 */
class AliyunFaceRecognitionTest {

    private static final AliyunStandIn aliyun = new AliyunStandIn();

    private SimpleMeterRegistry meters;
    private AliyunFaceRecognition faces;

    private static AliyunProperties properties(Duration readTimeout) {
        return new AliyunProperties(AliyunStandIn.ACCESS_KEY_ID, AliyunStandIn.ACCESS_KEY_SECRET, null,
                new AliyunProperties.IdVerification(aliyun.url(), StandInFault.CONNECT_TIMEOUT, readTimeout, 1000000123L));
    }

    @BeforeAll
    static void warmUp() {
        aliyun.capture("warm-up", true, "200");
        new AliyunFaceRecognition(properties(Duration.ofSeconds(30)), OutsideCallsForTests.create(new SimpleMeterRegistry()))
                .verify("u", "warm-up");
    }

    @AfterAll
    static void stop() {
        aliyun.close();
    }

    @BeforeEach
    void adapter() {
        aliyun.reset();
        meters = new SimpleMeterRegistry();
        faces = new AliyunFaceRecognition(properties(StandInFault.READ_TIMEOUT), OutsideCallsForTests.create(meters));
        aliyun.capture("cid-pass", true, "200");
        aliyun.capture("cid-mismatch", false, "204");
        aliyun.capture("cid-spoof", false, "205");
        aliyun.capture("cid-identity-differs", false, "201");
        aliyun.capture("cid-no-identity-record", false, "202");
        aliyun.capture("cid-no-registry-photo", false, "203");
        aliyun.capture("cid-unknown-subcode", false, "209");
    }

    @Test
    void eachResultOfACapture() {
        assertThat(faces.verify("demo-ok", "cid-pass")).isEqualTo(Result.PASS);
        assertThat(faces.verify("demo-ok", "cid-mismatch")).isEqualTo(Result.MISMATCH);
        assertThat(faces.verify("demo-ok", "cid-spoof")).isEqualTo(Result.SPOOF);
        assertThat(faces.verify("demo-ok", "cid-identity-differs")).isEqualTo(Result.MISMATCH);
        assertThat(OutsideCallsForTests.count(meters, "face", "face-result", "rejected")).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cid-no-identity-record", "cid-no-registry-photo", "cid-unknown-subcode"})
    void aCheckThatCouldNotBeMadeIsATechnicalFailureNeverAVerdict(String token) {
        // 202 no identity record, 203 no usable registry photo, any SubCode not documented: nothing about the face
        assertThatThrownBy(() -> faces.verify("demo-ok", token))
                .isInstanceOf(OutsideCallFailure.class)
                .satisfies(e -> assertThat(((OutsideCallFailure) e).reasonCode()).isEqualTo("FACE_RECOGNITION_UNAVAILABLE"))
                .hasMessageContaining("SubCode");
        assertThat(OutsideCallsForTests.count(meters, "face", "face-result", "rejected")).isZero();
    }

    @Test
    void anUnknownTokenIsRefusedNotRetried() {
        assertThatThrownBy(() -> faces.verify("demo-ok", "cid-never-made")).isInstanceOf(OutsideRefusal.class);
        assertThat(aliyun.requests("DescribeFaceVerify")).isEqualTo(1);
        assertThat(OutsideCallsForTests.count(meters, "face", "face-result", "rejected")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = StandInFault.class, names = {"TIMEOUT", "SERVER_ERROR", "MALFORMED", "RESET"})
    void everyFaultIsATechnicalFailure(StandInFault fault) {
        aliyun.fail("DescribeFaceVerify", fault);
        assertThatThrownBy(() -> faces.verify("demo-ok", "cid-pass"))
                .isInstanceOf(OutsideCallFailure.class)
                .satisfies(e -> assertThat(((OutsideCallFailure) e).reasonCode()).isEqualTo("FACE_RECOGNITION_UNAVAILABLE"))
                .satisfies(e -> {
                    if (fault == StandInFault.SERVER_ERROR || fault == StandInFault.MALFORMED) {
                        assertThat(e).as("the SDK's exception, which carries the request, is not kept").hasNoCause();
                    }
                });
        assertThat(aliyun.requests("DescribeFaceVerify")).isEqualTo(fault == StandInFault.TIMEOUT ? 1 : 2);
        assertThat(OutsideCallsForTests.count(meters, "face", "face-result",
                fault == StandInFault.TIMEOUT ? "timeout" : "error")).isEqualTo(fault == StandInFault.TIMEOUT ? 1 : 2);
    }
}
