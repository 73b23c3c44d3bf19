package com.bindflow.reports;

import static com.bindflow.shared.Jdbc.ts;
import static org.assertj.core.api.Assertions.assertThat;

import com.bindflow.binding.BindingStatus;
import com.bindflow.channel.Channel;
import com.bindflow.support.ProcessTestSupport;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The funnel report over REST against a known set of bindings written straight into {@code binding} and
 * {@code binding_status_history} with exact times: exact counts, rates, median and mean.
 */
class BindingFunnelApiTest extends ProcessTestSupport {

    /** 2026-11-01 in Beijing is [2026-10-31T16:00Z, 2026-11-01T16:00Z). */
    private static final Instant FROM = Instant.parse("2026-10-31T16:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-01T16:00:00Z");
    private static final String DAY = "/api/reports/binding-funnel?from=2026-11-01&to=2026-11-02";

    private static final BindingStatus CE = BindingStatus.CHECKING_ELIGIBILITY;
    private static final BindingStatus UR = BindingStatus.UNDER_REVIEW;
    private static final BindingStatus AA = BindingStatus.AWAITING_AGREEMENT;
    private static final BindingStatus AO = BindingStatus.AWAITING_OTP;
    private static final BindingStatus AWA = BindingStatus.AWAITING_WECHAT_AUTHORIZATION;
    private static final BindingStatus AP = BindingStatus.AWAITING_PREFERENCES;
    private static final BindingStatus AFV = BindingStatus.AWAITING_FACE_VERIFICATION;
    private static final BindingStatus VP = BindingStatus.VERIFYING_PAYMENT;
    private static final BindingStatus ACTIVE = BindingStatus.ACTIVE;

    @Autowired
    TestRestTemplate anonymous;
    @Autowired
    ObjectMapper objectMapper;

    private TestRestTemplate rest;
    private ObjectMapper json;

    @BeforeEach
    void asJdApp() {
        rest = anonymous.withBasicAuth("jd-app", "jd-app-secret");
        // decimals exactly as written (300.0 stays 300.0)
        json = objectMapper.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    }

    // ---- the known set --------------------------------------------------------------------------------------

    /** One entry of a timeline: the status, milliseconds after creation, its reason codes (comma-separated). */
    private record At(BindingStatus status, long millis, String reasons) {
    }

    private static At at(BindingStatus status, double seconds) {
        return new At(status, Math.round(seconds * 1000), null);
    }

    private static At at(BindingStatus status, double seconds, String reasons) {
        return new At(status, Math.round(seconds * 1000), reasons);
    }

    /** The whole JD-app path to ACTIVE, ACTIVE exactly {@code seconds} after creation. */
    private static List<At> toActive(double seconds) {
        return new ArrayList<>(List.of(at(CE, 0), at(AA, 5), at(AO, 30), at(AWA, 60), at(AP, 100), at(AFV, 150),
                at(VP, seconds - 10), at(ACTIVE, seconds)));
    }

    /** Writes a binding and its timeline; the last entry is its status now. */
    private void binding(String id, Channel channel, Instant createdAt, List<At> timeline) {
        At last = timeline.get(timeline.size() - 1);
        Instant lastAt = createdAt.plusMillis(last.millis());
        jdbc.update("insert into binding (id, user_id, channel, status, reason_codes, created_at, updated_at, ended_at) "
                        + "values (?,?,?,?,?,?,?,?)", id, "user-" + id, channel.name(), last.status().name(), last.reasons(),
                ts(createdAt), ts(lastAt), last.status().ended() ? ts(lastAt) : null);
        for (At entry : timeline) {
            jdbc.update("insert into binding_status_history (binding_id, status, reason_codes, changed_at) values (?,?,?,?)",
                    id, entry.status().name(), entry.reasons(), ts(createdAt.plusMillis(entry.millis())));
        }
    }

    private static Instant hour(double h) {
        return FROM.plusMillis(Math.round(h * 3_600_000));
    }

    private void knownSet() {
        // JD app: 10 in the day
        binding("J1", Channel.JD_APP, FROM, toActive(200)); // created exactly at from: in
        binding("J2", Channel.JD_APP, hour(1), toActive(300));
        binding("J3", Channel.JD_APP, hour(2), toActive(250.25));
        binding("J4", Channel.JD_APP, hour(3), List.of(at(CE, 0), at(UR, 2, "CASH_OUT_HISTORY"), at(AA, 3600),
                at(AO, 3630), at(AWA, 3660), at(AP, 3700), at(AFV, 7000), at(VP, 7190), at(ACTIVE, 7200)));
        List<At> unbound = toActive(400);
        unbound.add(at(BindingStatus.UNBOUND, 5000, "CUSTOMER_UNBOUND"));
        binding("J5", Channel.JD_APP, hour(4), unbound); // reached ACTIVE, unbound later: a success
        binding("J6", Channel.JD_APP, hour(5), List.of(at(CE, 0), at(BindingStatus.REJECTED, 1, "ACCOUNT_OVERDUE")));
        binding("J7", Channel.JD_APP, hour(6), List.of(at(CE, 0),
                at(BindingStatus.REJECTED, 1, "ACCOUNT_OVERDUE,NO_BANK_CARD")));
        binding("J8", Channel.JD_APP, hour(7), List.of(at(CE, 0), at(UR, 1, "CASH_OUT_HISTORY"),
                at(BindingStatus.REJECTED, 86_400, "REVIEW_REJECTED")));
        binding("J9", Channel.JD_APP, hour(8), List.of(at(CE, 0), at(AA, 1), at(AO, 20),
                at(BindingStatus.EXPIRED, 1800, "OTP_LIMIT_REACHED")));
        binding("J10", Channel.JD_APP, hour(23.99), List.of(at(CE, 0), at(AA, 5), at(AO, 30), at(AWA, 60), at(AP, 100),
                at(AFV, 150), at(BindingStatus.UNDOING, 200, "FACE_MISMATCH"))); // in progress
        // outside the day: one millisecond before from, exactly at to
        binding("J11", Channel.JD_APP, FROM.minusMillis(1), toActive(100));
        binding("J12", Channel.JD_APP, TO, List.of(at(CE, 0), at(BindingStatus.REJECTED, 1, "ACCOUNT_OVERDUE")));

        // WeChat: 6 in the day
        binding("W1", Channel.WECHAT, hour(9), toActive(600));
        binding("W2", Channel.WECHAT, hour(10), toActive(900));
        binding("W3", Channel.WECHAT, hour(11), List.of(at(CE, 0), at(AA, 5), at(AO, 30), at(AWA, 60), at(AP, 100),
                at(AFV, 150), at(BindingStatus.UNDOING, 200, "FACE_MISMATCH"),
                at(BindingStatus.FAILED, 201, "FACE_MISMATCH,WECHAT_AUTHORIZATION_REVOKED")));
        binding("W4", Channel.WECHAT, hour(12), List.of(at(CE, 0), at(AA, 5), at(AO, 30),
                at(BindingStatus.EXPIRED, 1830, "NO_CUSTOMER_ACTIVITY")));
        binding("W5", Channel.WECHAT, hour(13), List.of(at(CE, 0), at(AA, 5), at(AO, 30), at(AWA, 60),
                at(BindingStatus.FAILED, 90, "WECHAT_AUTHORIZATION_DECLINED")));
        binding("W6", Channel.WECHAT, hour(14), List.of(at(CE, 0), at(AA, 5), at(AO, 30), at(AWA, 60), at(AP, 100)));
        binding("W7", Channel.WECHAT, TO.plusSeconds(3600), toActive(60));
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private ResponseEntity<JsonNode> get(TestRestTemplate client, String path) {
        ResponseEntity<String> response = client.getForEntity(path, String.class);
        try {
            JsonNode node = response.getBody() == null ? null : json.readTree(response.getBody());
            return new ResponseEntity<>(node, response.getHeaders(), response.getStatusCode());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
    }

    private JsonNode report(String path) {
        ResponseEntity<JsonNode> r = get(rest, path);
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(r.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
        return r.getBody();
    }

    private static Map<String, Long> reached(JsonNode channel) {
        Map<String, Long> counts = new LinkedHashMap<>();
        channel.path("reached").forEach(step -> counts.put(step.path("status").asText(), step.path("count").asLong()));
        return counts;
    }

    private static List<String> stopped(JsonNode channel) {
        List<String> stops = new ArrayList<>();
        channel.path("stopped").forEach(s -> stops.add(s.path("status").asText() + "/" + s.path("reason").asText()
                + "/" + s.path("lastStep").asText() + "=" + s.path("count").asLong()));
        return stops;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static void assertProblem(ResponseEntity<JsonNode> r, String code, String field) {
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(r.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(r.getBody().path("status").asInt()).isEqualTo(400);
        assertThat(r.getBody().path("code").asText()).isEqualTo(code);
        assertThat(r.getBody().path("field").asText()).isEqualTo(field);
    }

    // ---- the report -----------------------------------------------------------------------------------------

    @Test
    void theKnownSetGivesExactFiguresPerChannel() {
        knownSet();
        Instant generatedAt = Instant.parse("2026-11-02T01:00:00Z");
        setClock(generatedAt);

        JsonNode body = report(DAY);

        assertThat(body.path("period").path("from").asText()).isEqualTo("2026-10-31T16:00:00Z");
        assertThat(body.path("period").path("to").asText()).isEqualTo("2026-11-01T16:00:00Z");
        assertThat(body.path("period").path("zone").asText()).isEqualTo("Asia/Shanghai");
        assertThat(body.path("generatedAt").asText()).isEqualTo("2026-11-02T01:00:00Z");
        assertThat(fieldNames(body.path("channels"))).containsExactly("JD_APP", "WECHAT");

        JsonNode jd = body.path("channels").path("JD_APP");
        assertThat(jd.path("started").asLong()).isEqualTo(10);
        assertThat(reached(jd)).containsExactly(Map.entry("CHECKING_ELIGIBILITY", 10L), Map.entry("UNDER_REVIEW", 2L),
                Map.entry("AWAITING_AGREEMENT", 7L), Map.entry("AWAITING_OTP", 7L),
                Map.entry("AWAITING_WECHAT_AUTHORIZATION", 6L), Map.entry("AWAITING_PREFERENCES", 6L),
                Map.entry("AWAITING_FACE_VERIFICATION", 6L), Map.entry("VERIFYING_PAYMENT", 5L), Map.entry("ACTIVE", 5L));
        assertThat(jd.path("reached").get(1).path("sideStep").asBoolean()).isTrue();
        assertThat(jd.path("reached").get(0).has("sideStep")).isFalse();
        assertThat(stopped(jd)).containsExactly(
                "REJECTED/ACCOUNT_OVERDUE/CHECKING_ELIGIBILITY=2",
                "REJECTED/REVIEW_REJECTED/UNDER_REVIEW=1",
                "EXPIRED/OTP_LIMIT_REACHED/AWAITING_OTP=1");
        assertThat(jd.path("inProgress").asLong()).isEqualTo(1);
        assertThat(jd.path("successRate").isTextual()).isTrue();
        assertThat(jd.path("successRate").asText()).isEqualTo("0.5000");
        JsonNode jdTime = jd.path("timeToActive");
        assertThat(jdTime.path("count").asLong()).isEqualTo(5);
        // 200, 250.25, 300, 400, 7200 s: median 300.0; mean 8350.25 / 5 = 1670.05 → 1670.1
        assertThat(jdTime.path("medianSeconds").decimalValue()).hasToString("300.0");
        assertThat(jdTime.path("meanSeconds").decimalValue()).hasToString("1670.1");
        // p90 by nearest rank: rank ceil(0.9 x 5) = 5, 7200 s
        assertThat(jdTime.path("p90Seconds").decimalValue()).hasToString("7200.0");

        JsonNode wechat = body.path("channels").path("WECHAT");
        assertThat(wechat.path("started").asLong()).isEqualTo(6);
        assertThat(reached(wechat)).containsExactly(Map.entry("CHECKING_ELIGIBILITY", 6L), Map.entry("UNDER_REVIEW", 0L),
                Map.entry("AWAITING_AGREEMENT", 6L), Map.entry("AWAITING_OTP", 6L),
                Map.entry("AWAITING_WECHAT_AUTHORIZATION", 5L), Map.entry("AWAITING_PREFERENCES", 4L),
                Map.entry("AWAITING_FACE_VERIFICATION", 3L), Map.entry("VERIFYING_PAYMENT", 2L), Map.entry("ACTIVE", 2L));
        assertThat(stopped(wechat)).containsExactly(
                "EXPIRED/NO_CUSTOMER_ACTIVITY/AWAITING_OTP=1",
                "FAILED/WECHAT_AUTHORIZATION_DECLINED/AWAITING_WECHAT_AUTHORIZATION=1",
                "FAILED/FACE_MISMATCH/AWAITING_FACE_VERIFICATION=1"); // UNDOING is not a step
        assertThat(wechat.path("inProgress").asLong()).isEqualTo(1);
        assertThat(wechat.path("successRate").asText()).isEqualTo("0.3333");
        assertThat(wechat.path("timeToActive").path("count").asLong()).isEqualTo(2);
        assertThat(wechat.path("timeToActive").path("medianSeconds").decimalValue()).hasToString("750.0");
        assertThat(wechat.path("timeToActive").path("meanSeconds").decimalValue()).hasToString("750.0");
        assertThat(wechat.path("timeToActive").path("p90Seconds").decimalValue()).hasToString("900.0");

        // 0.5000 − 0.3333 = 16.67 percentage points
        assertThat(body.path("wechatVsJdAppSuccessRateGap").asText()).isEqualTo("16.67");

        // every binding started is ACTIVE-reached, stopped or in progress
        for (JsonNode channel : List.of(jd, wechat)) {
            long stoppedTotal = 0;
            for (JsonNode s : channel.path("stopped")) {
                stoppedTotal += s.path("count").asLong();
            }
            assertThat(reached(channel).get("ACTIVE") + stoppedTotal + channel.path("inProgress").asLong())
                    .isEqualTo(channel.path("started").asLong());
        }
    }

    @Test
    void instantsGiveTheSameAnswerAsTheDay() {
        knownSet();
        JsonNode byDay = report(DAY);
        JsonNode byInstants = report("/api/reports/binding-funnel?from=2026-10-31T16:00:00Z&to=2026-11-01T16:00:00Z");
        assertThat(byInstants.path("channels")).isEqualTo(byDay.path("channels"));
        assertThat(byInstants.path("period")).isEqualTo(byDay.path("period"));
    }

    @Test
    void aPeriodWithoutWeChatBindingsHasNoWeChatRateAndNoGap() {
        knownSet();
        // the first hour of the day: J1 only
        JsonNode body = report("/api/reports/binding-funnel?from=2026-11-01&to=2026-11-01T01:00");
        JsonNode jd = body.path("channels").path("JD_APP");
        assertThat(jd.path("started").asLong()).isEqualTo(1);
        assertThat(jd.path("successRate").asText()).isEqualTo("1.0000");
        assertThat(jd.path("timeToActive").path("medianSeconds").decimalValue()).hasToString("200.0");
        JsonNode wechat = body.path("channels").path("WECHAT");
        assertThat(wechat.path("started").asLong()).isZero();
        assertThat(wechat.path("successRate").isNull()).isTrue();
        assertThat(body.has("wechatVsJdAppSuccessRateGap")).isTrue();
        assertThat(body.path("wechatVsJdAppSuccessRateGap").isNull()).isTrue();
    }

    @Test
    void anEmptyPeriodShowsBothChannelsWithZeros() {
        JsonNode body = report(DAY);
        assertThat(fieldNames(body.path("channels"))).containsExactly("JD_APP", "WECHAT");
        for (String name : List.of("JD_APP", "WECHAT")) {
            JsonNode channel = body.path("channels").path(name);
            assertThat(channel.path("started").asLong()).isZero();
            assertThat(reached(channel)).hasSize(9).allSatisfy((status, count) -> assertThat(count).isZero());
            assertThat(channel.path("stopped").isArray()).isTrue();
            assertThat(channel.path("stopped")).isEmpty();
            assertThat(channel.path("inProgress").asLong()).isZero();
            assertThat(channel.path("successRate").isNull()).isTrue();
            assertThat(channel.path("timeToActive").path("count").asLong()).isZero();
            assertThat(channel.path("timeToActive").path("medianSeconds").isNull()).isTrue();
            assertThat(channel.path("timeToActive").path("meanSeconds").isNull()).isTrue();
        }
        assertThat(body.path("wechatVsJdAppSuccessRateGap").isNull()).isTrue();
        assertThat(body.path("generatedAt").asText()).isEqualTo(T0.toString());
    }

    // ---- refusals -------------------------------------------------------------------------------------------

    @Test
    void missingOrUnreadableBoundsAre400NamingTheField() {
        assertProblem(get(rest, "/api/reports/binding-funnel?to=2026-11-02"), "INVALID_FIELD", "from");
        assertProblem(get(rest, "/api/reports/binding-funnel?from=2026-11-01"), "INVALID_FIELD", "to");
        assertProblem(get(rest, "/api/reports/binding-funnel"), "INVALID_FIELD", "from");
        assertProblem(get(rest, "/api/reports/binding-funnel?from=&to=2026-11-02"), "INVALID_FIELD", "from");
        assertProblem(get(rest, "/api/reports/binding-funnel?from=yesterday&to=2026-11-02"), "INVALID_FIELD", "from");
        assertProblem(get(rest, "/api/reports/binding-funnel?from=2026-11-01&to=2026-13-01"), "INVALID_FIELD", "to");
        assertProblem(get(rest, "/api/reports/binding-funnel?from=2026-11-01&to=2026-11-01T25:00:00Z"),
                "INVALID_FIELD", "to");
    }

    @Test
    void fromNotBeforeToIs400() {
        assertProblem(get(rest, "/api/reports/binding-funnel?from=2026-11-02&to=2026-11-01"), "INVALID_PERIOD", "to");
        assertProblem(get(rest, "/api/reports/binding-funnel?from=2026-11-01&to=2026-11-01"), "INVALID_PERIOD", "to");
        // the same instant written two ways
        assertProblem(get(rest, "/api/reports/binding-funnel?from=2026-11-01&to=2026-10-31T16:00:00Z"),
                "INVALID_PERIOD", "to");
    }

    @Test
    void theReportNeedsAnApiClient() {
        ResponseEntity<String> r = anonymous.getForEntity(DAY, String.class);
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

}
