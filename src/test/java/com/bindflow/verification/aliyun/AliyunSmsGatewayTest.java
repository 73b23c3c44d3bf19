package com.bindflow.verification.aliyun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bindflow.shared.OutsideCallFailure;
import com.bindflow.shared.OutsideSystemUnavailableException;
import com.bindflow.shared.aliyun.AliyunProperties;
import com.bindflow.support.OutsideCallsForTests;
import com.bindflow.support.standins.AliyunStandIn;
import com.bindflow.support.standins.StandInFault;
import com.bindflow.verification.SmsGateway;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The production SMS gateway against the Alibaba Cloud stand-in: the message goes out once per message id whatever
 * fails — a timeout or a reset after Alibaba Cloud sent it is settled by its send records (nothing sent again), a 500
 * or a malformed answer that sent nothing is sent again only after {@code resend-uncertain-after} — and a request that
 * never left is sent again at once.
 */
class AliyunSmsGatewayTest {

    private static final AliyunStandIn aliyun = new AliyunStandIn();
    private static final String PHONE = "13800138008";
    private static JdbcTemplate jdbc;
    private static DataSourceTransactionManager transactions;

    private SimpleMeterRegistry meters;
    private Instant now;
    private AliyunSmsGateway gateway;
    private SmsSendLog log;

    @BeforeAll
    static void database() throws Exception {
        DriverManagerDataSource h2 = new DriverManagerDataSource("jdbc:h2:mem:sms-send-test;DB_CLOSE_DELAY=-1", "sa", "");
        jdbc = new JdbcTemplate(h2);
        transactions = new DataSourceTransactionManager(h2);
        jdbc.execute(new ClassPathResource("db/migration/V11__sms_send.sql").getContentAsString(StandardCharsets.UTF_8));
        // the first signed call in a JVM loads the SDK: not part of any test's timeouts
        new AliyunSmsGateway(properties(aliyun.url(), Duration.ofSeconds(30)), new SmsSendLog(jdbc, transactions),
                OutsideCallsForTests.create(new SimpleMeterRegistry()), Clock.systemUTC())
                .send("warm-up-" + UUID.randomUUID(), "u", PHONE, message("000000"));
    }

    @AfterAll
    static void stop() {
        aliyun.close();
    }

    @BeforeEach
    void gateway() {
        aliyun.reset();
        meters = new SimpleMeterRegistry();
        now = Instant.parse("2026-03-11T02:00:00Z");
        log = new SmsSendLog(jdbc, transactions);
        gateway = gatewayAt(aliyun.url());
    }

    private AliyunSmsGateway gatewayAt(String url) {
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        return new AliyunSmsGateway(properties(url, StandInFault.READ_TIMEOUT), log, OutsideCallsForTests.create(meters), clock);
    }

    private static AliyunProperties properties(String url, Duration readTimeout) {
        return new AliyunProperties(AliyunStandIn.ACCESS_KEY_ID, AliyunStandIn.ACCESS_KEY_SECRET,
                new AliyunProperties.Sms(url, "京东白条", "SMS_465950123", StandInFault.CONNECT_TIMEOUT, readTimeout, Duration.ofMinutes(2)),
                null);
    }

    private static SmsGateway.Message message(String code) {
        return new SmsGateway.Message("【京东白条】验证码 " + code, Map.of("code", code));
    }

    private static String messageId() {
        return UUID.randomUUID() + "-1";
    }

    private long count(String operation, String outcome) {
        return OutsideCallsForTests.count(meters, "sms", operation, outcome);
    }

    @Test
    void theCodeGoesOutInOurTemplateOnceWhateverTheJobRetries() {
        String id = messageId();
        gateway.send(id, "demo-ok", PHONE, message("123456"));
        gateway.send(id, "demo-ok", PHONE, message("123456"));
        assertThat(aliyun.sentTo(PHONE)).singleElement().satisfies(sms -> {
            assertThat(sms.outId()).isEqualTo(id);
            assertThat(sms.templateCode()).isEqualTo("SMS_465950123");
            assertThat(sms.signName()).isEqualTo("京东白条");
            assertThat(sms.templateParam()).isEqualTo("{\"code\":\"123456\"}");
        });
        assertThat(aliyun.requests("SendSms")).isEqualTo(1);
        assertThat(log.find(id).orElseThrow().state()).isEqualTo(SmsSendLog.State.SENT);
        assertThat(count("send-sms", "success")).isEqualTo(1);
    }

    @Test
    void alibabaCloudsRefusalSendsNothingAndIsATechnicalFailure() {
        String id = messageId();
        assertThatThrownBy(() -> gateway.send(id, "demo-ok", "12345", message("123456")))
                .isInstanceOf(OutsideSystemUnavailableException.class).hasMessageContaining("isv.MOBILE_NUMBER_ILLEGAL");
        assertThat(log.find(id).orElseThrow().state()).isEqualTo(SmsSendLog.State.NOT_SENT);
        assertThat(count("send-sms", "rejected")).isEqualTo(1);
    }

    @Test
    void aRequestThatNeverLeftIsSentAgainAtOnce() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String id = messageId();
        assertThatThrownBy(() -> gatewayAt("http://localhost:" + closed).send(id, "demo-ok", PHONE, message("654321")))
                .isInstanceOf(OutsideCallFailure.class)
                .satisfies(e -> assertThat(((OutsideCallFailure) e).kind()).isEqualTo(OutsideCallFailure.Kind.NOT_SENT));
        assertThat(count("send-sms", "error")).as("sent again once: it never left").isEqualTo(2);
        assertThat(log.find(id).orElseThrow().state()).isEqualTo(SmsSendLog.State.NOT_SENT);

        gateway.send(id, "demo-ok", PHONE, message("654321"));
        assertThat(aliyun.sentTo(PHONE)).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(value = StandInFault.class, names = {"TIMEOUT", "SERVER_ERROR", "MALFORMED", "RESET"})
    void aMessageWhoseFateIsUnknownIsNeverSentTwice(StandInFault fault) {
        boolean wentOut = fault == StandInFault.TIMEOUT || fault == StandInFault.RESET;
        String id = messageId();
        aliyun.fail("SendSms", fault);
        assertThatThrownBy(() -> gateway.send(id, "demo-ok", PHONE, message("111111")))
                .isInstanceOf(OutsideCallFailure.class)
                .satisfies(e -> assertThat(((OutsideCallFailure) e).kind()).isEqualTo(
                        fault == StandInFault.TIMEOUT ? OutsideCallFailure.Kind.TIMEOUT : OutsideCallFailure.Kind.ERROR));
        assertThat(aliyun.requests("SendSms")).as("not idempotent: never sent again in the call, nor by OkHttp").isEqualTo(1);
        assertThat(aliyun.sentTo(PHONE)).hasSize(wentOut ? 1 : 0);
        assertThat(log.find(id).orElseThrow().state()).isEqualTo(SmsSendLog.State.SENDING);
        aliyun.heal();

        if (wentOut) {
            // the job's retry: Alibaba Cloud's records show our OutId, so nothing is sent again
            gateway.send(id, "demo-ok", PHONE, message("111111"));
            assertThat(aliyun.requests("QuerySendDetails")).isEqualTo(1);
        } else {
            // the job's retry 10 s later: no record yet, and too early to be sure: still a technical failure
            now = now.plusSeconds(10);
            assertThatThrownBy(() -> gateway.send(id, "demo-ok", PHONE, message("111111")))
                    .isInstanceOf(OutsideSystemUnavailableException.class).hasMessageContaining("not sent again before");
            assertThat(aliyun.sentTo(PHONE)).isEmpty();
            // an operator's retry of the incident, minutes later: no record at Alibaba Cloud, so it is sent
            now = now.plus(Duration.ofMinutes(3));
            gateway.send(id, "demo-ok", PHONE, message("111111"));
        }
        assertThat(aliyun.sentTo(PHONE)).as("the phone got the code exactly once").hasSize(1);
        assertThat(log.find(id).orElseThrow().state()).isEqualTo(SmsSendLog.State.SENT);
        gateway.send(id, "demo-ok", PHONE, message("111111"));
        assertThat(aliyun.sentTo(PHONE)).hasSize(1);
    }

    @Test
    void theStandInChecksOurSignature() {
        AliyunProperties wrongSecret = new AliyunProperties(AliyunStandIn.ACCESS_KEY_ID, "not-the-secret",
                properties(aliyun.url(), StandInFault.READ_TIMEOUT).sms(), null);
        AliyunSmsGateway forger = new AliyunSmsGateway(wrongSecret, log, OutsideCallsForTests.create(meters), Clock.systemUTC());
        assertThatThrownBy(() -> forger.send(messageId(), "demo-ok", PHONE, message("222222")))
                .isInstanceOf(OutsideCallFailure.class).hasMessageContaining("SignatureDoesNotMatch");
        assertThat(aliyun.sentTo(PHONE)).isEmpty();
    }
}
