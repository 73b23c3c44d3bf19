package com.bindflow.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bindflow.shared.ApiProblem;
import com.bindflow.shared.EngineClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's arithmetic and period parsing, without Spring. */
class FunnelMathTest {

    private static Duration s(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    @Test
    void rateHasFourPlacesHalfUpAndIsNullForNothingStarted() {
        assertThat(FunnelMath.rate(5, 10)).isEqualByComparingTo("0.5").hasToString("0.5000");
        assertThat(FunnelMath.rate(1, 3)).hasToString("0.3333");
        assertThat(FunnelMath.rate(2, 3)).hasToString("0.6667");
        assertThat(FunnelMath.rate(1, 8)).hasToString("0.1250");
        assertThat(FunnelMath.rate(1, 16)).hasToString("0.0625");
        assertThat(FunnelMath.rate(1, 32)).hasToString("0.0313"); // 0.03125 → HALF_UP
        assertThat(FunnelMath.rate(0, 7)).hasToString("0.0000");
        assertThat(FunnelMath.rate(7, 7)).hasToString("1.0000");
        assertThat(FunnelMath.rate(0, 0)).isNull();
        assertThat(FunnelMath.text(FunnelMath.rate(0, 7))).isEqualTo("0.0000");
        assertThat(FunnelMath.text(null)).isNull();
    }

    @Test
    void gapIsInPercentagePointsFromTheShownRates() {
        assertThat(FunnelMath.gapInPoints(new BigDecimal("0.5000"), new BigDecimal("0.3333"))).hasToString("16.67");
        assertThat(FunnelMath.gapInPoints(new BigDecimal("0.3200"), new BigDecimal("0.5000"))).hasToString("-18.00");
        assertThat(FunnelMath.gapInPoints(new BigDecimal("0.5000"), null)).isNull();
        assertThat(FunnelMath.gapInPoints(null, new BigDecimal("0.5000"))).isNull();
    }

    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        assertThat(FunnelMath.medianSeconds(List.of(s(400), s(200), s(7200), s(250.25), s(300)))).hasToString("300.0");
        assertThat(FunnelMath.medianSeconds(List.of(s(42.04)))).hasToString("42.0");
        assertThat(FunnelMath.medianSeconds(List.of(s(42.05)))).hasToString("42.1");
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValuesRoundedHalfUp() {
        assertThat(FunnelMath.medianSeconds(List.of(s(900), s(600)))).hasToString("750.0");
        assertThat(FunnelMath.medianSeconds(List.of(s(1), s(2), s(3), s(100)))).hasToString("2.5");
        // (10.000 + 10.101) / 2 = 10.0505 → 10.1
        assertThat(FunnelMath.medianSeconds(List.of(s(10), s(10.101)))).hasToString("10.1");
    }

    @Test
    void meanIsExactAndRoundedHalfUpToOnePlace() {
        // 8350.25 / 5 = 1670.05 → 1670.1
        assertThat(FunnelMath.meanSeconds(List.of(s(200), s(250.25), s(300), s(400), s(7200)))).hasToString("1670.1");
        assertThat(FunnelMath.meanSeconds(List.of(s(1), s(2), s(2)))).hasToString("1.7"); // 1.666…
        assertThat(FunnelMath.meanSeconds(List.of(s(600), s(900)))).hasToString("750.0");
    }

    @Test
    void p90IsTheNearestRank() {
        // 5 values: rank ceil(4.5) = 5, the largest
        assertThat(FunnelMath.percentileSeconds(List.of(s(400), s(200), s(7200), s(250.25), s(300)), 90)).hasToString("7200.0");
        // 10 values 1..10: rank 9
        List<java.time.Duration> ten = java.util.stream.IntStream.rangeClosed(1, 10).mapToObj(i -> s(i)).toList();
        assertThat(FunnelMath.percentileSeconds(ten, 90)).hasToString("9.0");
        // 11 values 1..11: rank ceil(9.9) = 10
        List<java.time.Duration> eleven = java.util.stream.IntStream.rangeClosed(1, 11).mapToObj(i -> s(i)).toList();
        assertThat(FunnelMath.percentileSeconds(eleven, 90)).hasToString("10.0");
        assertThat(FunnelMath.percentileSeconds(List.of(s(42.05)), 90)).hasToString("42.1");
    }

    @Test
    void noDurationsGiveNoMedianOrMean() {
        assertThat(FunnelMath.medianSeconds(List.of())).isNull();
        assertThat(FunnelMath.meanSeconds(List.of())).isNull();
        assertThat(FunnelMath.percentileSeconds(List.of(), 90)).isNull();
    }

    @Test
    void theFirstReasonCodeIsThePrimaryOne() {
        assertThat(BindingFunnelService.primaryReason("FACE_MISMATCH,WECHAT_AUTHORIZATION_REVOKED")).isEqualTo("FACE_MISMATCH");
        assertThat(BindingFunnelService.primaryReason("ACCOUNT_OVERDUE")).isEqualTo("ACCOUNT_OVERDUE");
        assertThat(BindingFunnelService.primaryReason(null)).isNull();
        assertThat(BindingFunnelService.primaryReason("")).isNull();
    }

    @Test
    void periodBoundsAreDatesInShanghaiOrInstants() {
        ReportPeriod day = ReportPeriod.parse("2026-11-01", "2026-11-02", EngineClock.CHINA);
        assertThat(day.from()).isEqualTo(Instant.parse("2026-10-31T16:00:00Z"));
        assertThat(day.to()).isEqualTo(Instant.parse("2026-11-01T16:00:00Z"));
        ReportPeriod instants = ReportPeriod.parse("2026-11-01T00:00:00Z", "2026-11-01T09:30:00+08:00", EngineClock.CHINA);
        assertThat(instants.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(instants.to()).isEqualTo(Instant.parse("2026-11-01T01:30:00Z"));
        ReportPeriod local = ReportPeriod.parse("2026-11-01T08:00", " 2026-11-01T08:00:00.5Z ", EngineClock.CHINA);
        assertThat(local.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(local.to()).isEqualTo(Instant.parse("2026-11-01T08:00:00.500Z"));
    }

    @Test
    void periodRefusals() {
        assertRefused(() -> ReportPeriod.parse("2026-11-31", "2026-12-01", EngineClock.CHINA), "from", "INVALID_FIELD");
        assertRefused(() -> ReportPeriod.parse("2026-11-01", "tomorrow", EngineClock.CHINA), "to", "INVALID_FIELD");
        assertRefused(() -> ReportPeriod.parse(" ", "2026-11-01", EngineClock.CHINA), "from", "INVALID_FIELD");
        assertRefused(() -> ReportPeriod.parse("2026-11-01", null, EngineClock.CHINA), "to", "INVALID_FIELD");
        assertRefused(() -> ReportPeriod.parse("2026-11-02", "2026-11-01", EngineClock.CHINA), "to", "INVALID_PERIOD");
        // equal bounds are an empty period: refused too
        assertRefused(() -> ReportPeriod.parse("2026-11-01", "2026-10-31T16:00:00Z", EngineClock.CHINA), "to", "INVALID_PERIOD");
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiProblem.class, p -> {
            assertThat(p.field()).isEqualTo(field);
            assertThat(p.code()).isEqualTo(code);
            assertThat(p.status().value()).isEqualTo(400);
        });
    }
}
