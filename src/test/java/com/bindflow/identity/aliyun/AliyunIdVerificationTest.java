package com.bindflow.identity.aliyun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bindflow.identity.IdentityVerification.Result;
import com.bindflow.shared.OutsideCallFailure;
import com.bindflow.shared.OutsideCalls;
import com.bindflow.shared.aliyun.AliyunProperties;
import com.bindflow.support.OutsideCallsForTests;
import com.bindflow.support.standins.AliyunStandIn;
import com.bindflow.support.standins.StandInFault;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The production identity check (Alibaba Cloud ID Verification, Id2MetaVerify) against the stand-in: the registry's
 * three answers, and every fault a technical failure — a read sent again once after an error, never after a timeout.
 */
class AliyunIdVerificationTest {

    private static final AliyunStandIn aliyun = new AliyunStandIn();

    private SimpleMeterRegistry meters;
    private AliyunIdentityVerification identity;

    static AliyunProperties properties(String url, Duration readTimeout) {
        return new AliyunProperties(AliyunStandIn.ACCESS_KEY_ID, AliyunStandIn.ACCESS_KEY_SECRET, null,
                new AliyunProperties.IdVerification(url, StandInFault.CONNECT_TIMEOUT, readTimeout, 1000000123L));
    }

    @BeforeAll
    static void warmUp() {
        new AliyunIdentityVerification(properties(aliyun.url(), Duration.ofSeconds(30)),
                OutsideCallsForTests.create(new SimpleMeterRegistry())).verify("热身", "110101199001011234");
    }

    @AfterAll
    static void stop() {
        aliyun.close();
    }

    @BeforeEach
    void adapter() {
        aliyun.reset();
        meters = new SimpleMeterRegistry();
        OutsideCalls calls = OutsideCallsForTests.create(meters);
        identity = new AliyunIdentityVerification(properties(aliyun.url(), StandInFault.READ_TIMEOUT), calls);
        aliyun.person("350102199003076617", "王杰");
    }

    @Test
    void theRegistrysThreeAnswers() {
        assertThat(identity.verify("王杰", "350102199003076617")).isEqualTo(Result.MATCH);
        assertThat(identity.verify("王洁", "350102199003076617")).isEqualTo(Result.MISMATCH);
        assertThat(identity.verify("王杰", "350102199003070000")).isEqualTo(Result.NOT_FOUND);
        assertThat(OutsideCallsForTests.count(meters, "identity", "verify-identity", "success")).isEqualTo(1);
        assertThat(OutsideCallsForTests.count(meters, "identity", "verify-identity", "rejected")).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(value = StandInFault.class, names = {"TIMEOUT", "SERVER_ERROR", "MALFORMED", "RESET"})
    void everyFaultIsATechnicalFailure(StandInFault fault) {
        aliyun.fail("Id2MetaVerify", fault);
        assertThatThrownBy(() -> identity.verify("王杰", "350102199003076617"))
                .isInstanceOf(OutsideCallFailure.class)
                .hasMessageNotContaining("350102199003076617").hasMessageNotContaining("王杰")
                .satisfies(e -> assertThat(((OutsideCallFailure) e).reasonCode()).isEqualTo("IDENTITY_CHECK_UNAVAILABLE"));
        assertThat(aliyun.requests("Id2MetaVerify")).isEqualTo(fault == StandInFault.TIMEOUT ? 1 : 2);
        aliyun.heal();
        assertThat(identity.verify("王杰", "350102199003076617")).isEqualTo(Result.MATCH);
    }

    @Test
    void aWrongSecretIsRefusedByTheStandIn() {
        AliyunProperties wrong = new AliyunProperties(AliyunStandIn.ACCESS_KEY_ID, "wrong",
                null, properties(aliyun.url(), StandInFault.READ_TIMEOUT).idVerification());
        assertThatThrownBy(() -> new AliyunIdentityVerification(wrong, OutsideCallsForTests.create(meters))
                .verify("王杰", "350102199003076617")).isInstanceOf(OutsideCallFailure.class)
                .hasMessageContaining("SignatureDoesNotMatch");
    }
}
