package com.bindflow.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.bindflow.risk.RiskOutcome;
import com.bindflow.shared.EngineClock;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/** The payment failure rate over REST on a known set of authorizations written with exact times and decisions. */
class PaymentReportApiTest extends PaymentTestSupport {

    private static final String DAY = "/api/reports/payments?from=2026-11-01&to=2026-11-02";

    @Autowired
    AuthorizationRepository repository;

    private static Instant beijing(String localDateTime) {
        return OffsetDateTime.parse(localDateTime + "+08:00").toInstant();
    }

    private void record(Scenario scenario, Decision decision, String reasons, Instant at) {
        boolean stepUp = decision == Decision.STEP_UP_REQUIRED;
        repository.insert(new Authorization(UUID.randomUUID().toString(), "test-client", UUID.randomUUID().toString(), "h",
                "demo-ok", null, scenario, new BigDecimal("10.00"), PayeeType.MERCHANT, "m", null, "Shanghai", at, at,
                at.atZone(EngineClock.CHINA).toLocalDate(), decision,
                reasons.isEmpty() ? List.of() : Arrays.asList(reasons.split(",")), RiskOutcome.PASS, List.of(),
                stepUp ? at.plus(Duration.ofMinutes(5)) : null, 0, stepUp ? null : at, null));
    }

    private void knownSet() {
        Instant day = beijing("2026-11-01T09:00:00");
        for (int i = 0; i < 4; i++) {
            record(Scenario.ONLINE, Decision.APPROVED, "", day.plusSeconds(i));
        }
        record(Scenario.ONLINE, Decision.DECLINED, "INSUFFICIENT_AVAILABLE_CREDIT", day);
        for (int i = 0; i < 3; i++) {
            record(Scenario.OFFLINE_SCAN, Decision.APPROVED, "", day.plusSeconds(i));
        }
        jdbc.update("update payment_authorization set reversed_at = created_at where scenario = 'OFFLINE_SCAN' and "
                + "id = (select min(id) from payment_authorization where scenario = 'OFFLINE_SCAN')");   // still an approval
        record(Scenario.OFFLINE_SCAN, Decision.DECLINED, "OFFLINE_DAILY_LIMIT", day);
        record(Scenario.OFFLINE_SCAN, Decision.DECLINED, "OFFLINE_DAILY_LIMIT", day);
        record(Scenario.OFFLINE_SCAN, Decision.DECLINED, "PERSONAL_CODE_NOT_ALLOWED,OFFLINE_DAILY_LIMIT", day);
        record(Scenario.OFFLINE_SCAN, Decision.FROZEN, "CROSS_CITY_SCAN_BURST", beijing("2026-11-01T00:00:00"));
        record(Scenario.TRANSFER, Decision.DECLINED, "TRANSFER_OVER_LIMIT,OVER_PER_TRANSACTION_CAP", day);
        // a step-up still waiting (its 5 minutes run past the clock) and one left unanswered since 20:00
        record(Scenario.VIRTUAL_TOPUP, Decision.STEP_UP_REQUIRED, "NIGHT_TIME_LARGE_AMOUNT", beijing("2026-11-01T23:57:00"));
        record(Scenario.CROSS_BORDER, Decision.STEP_UP_REQUIRED, "UNUSUAL_CITY", beijing("2026-11-01T20:00:00"));
        // outside the Beijing day
        record(Scenario.ONLINE, Decision.DECLINED, "INSUFFICIENT_AVAILABLE_CREDIT", beijing("2026-10-31T23:59:59"));
        record(Scenario.ONLINE, Decision.DECLINED, "INSUFFICIENT_AVAILABLE_CREDIT", beijing("2026-11-02T00:00:00"));
        setClock(beijing("2026-11-01T23:58:00"));
    }

    private static List<String> reasonRows(JsonNode figures) {
        List<String> rows = new ArrayList<>();
        figures.path("failedByReason").forEach(r -> rows.add(r.path("reason").asText() + " " + r.path("count").asLong()
                + " " + r.path("rate").asText()));
        return rows;
    }

    private static String counts(JsonNode f) {
        return f.path("attempts").asLong() + " attempts, " + f.path("approved").asLong() + " approved, "
                + f.path("declined").asLong() + " declined, " + f.path("frozen").asLong() + " frozen, "
                + f.path("failed").asLong() + " failed, " + f.path("pendingStepUp").asLong() + " pending";
    }

    @Test
    void theFailureRateOfADayOverallByScenarioAndByReason() {
        knownSet();
        JsonNode report = call(HttpMethod.GET, DAY, null, null).getBody();

        assertThat(report.path("period").path("from").asText()).isEqualTo("2026-10-31T16:00:00Z");
        JsonNode all = report.path("all");
        assertThat(counts(all)).isEqualTo("15 attempts, 7 approved, 6 declined, 1 frozen, 7 failed, 1 pending");
        assertThat(all.path("failureRate").asText()).isEqualTo("0.5000");                 // 7 of 14 decided
        assertThat(reasonRows(all)).containsExactly("OFFLINE_DAILY_LIMIT 2 0.1429", "CROSS_CITY_SCAN_BURST 1 0.0714",
                "INSUFFICIENT_AVAILABLE_CREDIT 1 0.0714", "PERSONAL_CODE_NOT_ALLOWED 1 0.0714", "STEP_UP_EXPIRED 1 0.0714",
                "TRANSFER_OVER_LIMIT 1 0.0714");

        JsonNode by = report.path("byScenario");
        assertThat(by.fieldNames()).toIterable().containsExactly("ONLINE", "OFFLINE_SCAN", "TRANSFER", "VIRTUAL_TOPUP",
                "CROSS_BORDER");
        assertThat(counts(by.path("ONLINE"))).isEqualTo("5 attempts, 4 approved, 1 declined, 0 frozen, 1 failed, 0 pending");
        assertThat(by.path("ONLINE").path("failureRate").asText()).isEqualTo("0.2000");
        assertThat(counts(by.path("OFFLINE_SCAN"))).isEqualTo("7 attempts, 3 approved, 3 declined, 1 frozen, 4 failed, 0 pending");
        assertThat(by.path("OFFLINE_SCAN").path("failureRate").asText()).isEqualTo("0.5714");
        assertThat(reasonRows(by.path("OFFLINE_SCAN"))).containsExactly("OFFLINE_DAILY_LIMIT 2 0.2857",
                "CROSS_CITY_SCAN_BURST 1 0.1429", "PERSONAL_CODE_NOT_ALLOWED 1 0.1429");
        assertThat(by.path("TRANSFER").path("failureRate").asText()).isEqualTo("1.0000");
        assertThat(counts(by.path("VIRTUAL_TOPUP"))).isEqualTo("1 attempts, 0 approved, 0 declined, 0 frozen, 0 failed, 1 pending");
        assertThat(by.path("VIRTUAL_TOPUP").path("failureRate").isNull()).isTrue();
        assertThat(reasonRows(by.path("CROSS_BORDER"))).containsExactly("STEP_UP_EXPIRED 1 1.0000");

        // five minutes on, the waiting step-up has expired too: 8 of 15
        setClock(beijing("2026-11-02T00:03:00"));
        JsonNode later = call(HttpMethod.GET, DAY, null, null).getBody().path("all");
        assertThat(counts(later)).isEqualTo("15 attempts, 7 approved, 7 declined, 1 frozen, 8 failed, 0 pending");
        assertThat(later.path("failureRate").asText()).isEqualTo("0.5333");
    }

    @Test
    void aPaymentAnOutsideSystemStoppedCountsAsFailed() {
        setClock(beijing("2026-11-01T10:00:00"));
        assertProblem(post(payment("demo-jd-outage", Scenario.ONLINE, "10.00", "Shanghai"), "k-down"),
                HttpStatus.SERVICE_UNAVAILABLE, "OUTSIDE_SYSTEM_UNAVAILABLE", null);
        record(Scenario.ONLINE, Decision.APPROVED, "", beijing("2026-11-01T09:00:00"));
        JsonNode all = call(HttpMethod.GET, DAY, null, null).getBody().path("all");
        assertThat(all.path("technicalFailures").asLong()).isOne();
        assertThat(counts(all)).isEqualTo("2 attempts, 1 approved, 0 declined, 0 frozen, 1 failed, 0 pending");
        assertThat(all.path("failureRate").asText()).isEqualTo("0.5000");
        assertThat(reasonRows(all)).containsExactly("JD_FINANCE_UNAVAILABLE 1 0.5000");
        // no decision was recorded: the key stays free for the retry
        assertThat(rows("payment_authorization")).isOne();
    }

    @Test
    void anEmptyPeriodHasNoRateAndABadPeriodIsA400() {
        JsonNode all = call(HttpMethod.GET, DAY, null, null).getBody().path("all");
        assertThat(all.path("attempts").asLong()).isZero();
        assertThat(all.path("failureRate").isNull()).isTrue();
        assertProblem(call(HttpMethod.GET, "/api/reports/payments?from=2026-11-02&to=2026-11-01", null, null),
                HttpStatus.BAD_REQUEST, "INVALID_PERIOD", "to");
        assertProblem(call(HttpMethod.GET, "/api/reports/payments?from=soon&to=2026-11-01", null, null),
                HttpStatus.BAD_REQUEST, "INVALID_FIELD", "from");
    }
}
