package com.bindflow.risk;

import static com.bindflow.risk.RiskTestFacts.ACTIVATED_LONG_AGO;
import static com.bindflow.risk.RiskTestFacts.NOON;
import static com.bindflow.risk.RiskTestFacts.defaults;
import static com.bindflow.risk.RiskTestFacts.facts;
import static com.bindflow.risk.RiskTestFacts.history;
import static com.bindflow.risk.RiskTestFacts.ordinary;
import static com.bindflow.risk.RiskTestFacts.with;
import static com.bindflow.risk.RiskTestFacts.withCredit;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each risk layer on its own, with the default settings: when it fires, when it stays silent. */
class RiskLayersTest {

    private final RiskProperties p = defaults();

    private static void assertResult(LayerResult r, RiskOutcome outcome, String reason) {
        assertThat(r.outcome()).isEqualTo(outcome);
        assertThat(r.reason()).isEqualTo(reason);
    }

    @Test
    void anOrdinaryPaymentPassesEveryLayer() {
        RiskPipeline pipeline = RiskPipeline.of(p);
        RiskEvaluation e = pipeline.evaluate(ordinary());
        assertThat(e.outcome()).isEqualTo(RiskOutcome.PASS);
        assertThat(e.layers()).hasSize(8).noneMatch(LayerResult::fired);
    }

    @Test
    void accountFrozenFreezesEveryScenario() {
        RiskLayer layer = new RiskLayers.AccountFrozen();
        for (String scenario : new String[] {"ONLINE", "OFFLINE_SCAN", "TRANSFER", "VIRTUAL_TOPUP", "CROSS_BORDER"}) {
            RiskFacts f = facts(scenario, "1.00", "Shanghai", NOON, RiskFacts.History.NONE);
            assertResult(layer.evaluate(with(f, true, "ACTIVE", ACTIVATED_LONG_AGO)), RiskOutcome.FREEZE, "ACCOUNT_FROZEN");
            assertResult(layer.evaluate(f), RiskOutcome.PASS, null);
        }
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {"null", "AWAITING_FACE_VERIFICATION", "UNBINDING", "UNBOUND"})
    void aBindingThatIsNotActiveDeclines(String status) {
        LayerResult r = new RiskLayers.BindingNotActive().evaluate(with(ordinary(), false, status, null));
        assertResult(r, RiskOutcome.DECLINE, "BINDING_NOT_ACTIVE");
        assertThat(new RiskLayers.BindingNotActive().evaluate(ordinary()).fired()).isFalse();
    }

    // ---- burst ----------------------------------------------------------------------------------------------------

    private LayerResult burst(String scenario, String amount, String city, Duration sinceActivation, RiskFacts.History h) {
        Instant activated = NOON.minus(sinceActivation);
        return new RiskLayers.Burst(p.burst()).evaluate(with(facts(scenario, amount, city, NOON, h), false, "ACTIVE", activated));
    }

    @Test
    void theFifthNearLimitScanFromSeveralCitiesWithinTwoHoursOfActivationFreezes() {
        // four earlier qualifying attempts from 2 cities, this one from a third
        assertResult(burst("OFFLINE_SCAN", "1800.00", "Hangzhou", Duration.ofMinutes(90), history(4, 1, 0, 4, 2, false)),
                RiskOutcome.FREEZE, "CROSS_CITY_SCAN_BURST");
        // this one from a city already among them still makes five attempts from two cities
        assertResult(burst("OFFLINE_SCAN", "1999.99", "Shanghai", Duration.ofMinutes(119), history(4, 1, 0, 4, 2, true)),
                RiskOutcome.FREEZE, "CROSS_CITY_SCAN_BURST");
    }

    @Test
    void theBurstStaysSilentShortOfAnyOfItsConditions() {
        RiskFacts.History four = history(4, 1, 0, 4, 2, false);
        // the fourth attempt only
        assertResult(burst("OFFLINE_SCAN", "1800.00", "Hangzhou", Duration.ofMinutes(30), history(3, 1, 0, 3, 2, false)),
                RiskOutcome.PASS, null);
        // under 90% of the 2000 limit
        assertResult(burst("OFFLINE_SCAN", "1799.99", "Hangzhou", Duration.ofMinutes(30), four), RiskOutcome.PASS, null);
        // not an offline scan
        assertResult(burst("ONLINE", "1900.00", "Hangzhou", Duration.ofMinutes(30), four), RiskOutcome.PASS, null);
        // two hours after activation
        assertResult(burst("OFFLINE_SCAN", "1900.00", "Hangzhou", Duration.ofHours(2), four), RiskOutcome.PASS, null);
        // all five from one city
        assertResult(burst("OFFLINE_SCAN", "1900.00", "Shanghai", Duration.ofMinutes(30), history(4, 1, 0, 4, 1, true)),
                RiskOutcome.PASS, null);
        // no activation
        LayerResult none = new RiskLayers.Burst(p.burst()).evaluate(with(facts("OFFLINE_SCAN", "1900.00", "X", NOON, four),
                false, "ACTIVE", null));
        assertResult(none, RiskOutcome.PASS, null);
    }

    // ---- velocity, unusual city -------------------------------------------------------------------------------

    @Test
    void theEleventhAttemptInTenMinutesNeedsAStepUp() {
        RiskLayer layer = new RiskLayers.Velocity(p.velocity());
        assertResult(layer.evaluate(facts("ONLINE", "10.00", "Shanghai", NOON, history(9, 0, 0, 0, 0, false))),
                RiskOutcome.PASS, null);
        assertResult(layer.evaluate(facts("ONLINE", "10.00", "Shanghai", NOON, history(10, 0, 0, 0, 0, false))),
                RiskOutcome.STEP_UP, "HIGH_FREQUENCY");
    }

    @Test
    void aNewCityNeedsAStepUpOnlyForACustomerWithAHistory() {
        RiskLayer layer = new RiskLayers.UnusualCity(p.unusualCity());
        assertResult(layer.evaluate(facts("ONLINE", "10.00", "Beijing", NOON, history(0, 3, 0, 0, 0, false))),
                RiskOutcome.STEP_UP, "UNUSUAL_CITY");
        // a city paid from before
        assertResult(layer.evaluate(facts("ONLINE", "10.00", "Beijing", NOON, history(0, 3, 1, 0, 0, false))),
                RiskOutcome.PASS, null);
        // too little history to call any city unusual (new customers are not interrupted)
        assertResult(layer.evaluate(facts("ONLINE", "10.00", "Beijing", NOON, history(0, 2, 0, 0, 0, false))),
                RiskOutcome.PASS, null);
    }

    // ---- new binding, night, near the limit -------------------------------------------------------------------

    @Test
    void aLargeAmountWithinADayOfActivationNeedsAStepUp() {
        RiskLayer layer = new RiskLayers.NewBinding(p.newBinding());
        RiskFacts large = facts("ONLINE", "3000.00", "Shanghai", NOON, RiskFacts.History.NONE);
        assertResult(layer.evaluate(with(large, false, "ACTIVE", NOON.minus(Duration.ofHours(23)))),
                RiskOutcome.STEP_UP, "NEW_BINDING_LARGE_AMOUNT");
        assertResult(layer.evaluate(with(large, false, "ACTIVE", NOON.minus(Duration.ofHours(24)))), RiskOutcome.PASS, null);
        RiskFacts smaller = facts("ONLINE", "2999.99", "Shanghai", NOON, RiskFacts.History.NONE);
        assertResult(layer.evaluate(with(smaller, false, "ACTIVE", NOON.minus(Duration.ofHours(1)))), RiskOutcome.PASS, null);
    }

    @ParameterizedTest
    @CsvSource({
            "2026-03-11T00:00:00+08:00, 500.00, STEP_UP",
            "2026-03-11T04:59:59+08:00, 500.00, STEP_UP",
            "2026-03-11T05:00:00+08:00, 500.00, PASS",
            "2026-03-10T23:59:59+08:00, 500.00, PASS",
            "2026-03-11T02:00:00+08:00, 499.99, PASS",
            // 02:00 Beijing is 18:00 UTC the day before: the layer reads Beijing time
            "2026-03-10T18:00:00Z,      800.00, STEP_UP",
    })
    void nightIsMidnightToFiveBeijingTimeForAmountsFromFiveHundred(String at, String amount, RiskOutcome expected) {
        LayerResult r = new RiskLayers.NightTime(p.nightTime())
                .evaluate(facts("ONLINE", amount, "Shanghai", OffsetDateTime.parse(at).toInstant(), RiskFacts.History.NONE));
        assertThat(r.outcome()).isEqualTo(expected);
    }

    @Test
    void aNightWindowMayWrapMidnight() {
        RiskProperties wrapping = RiskTestFacts.settings(Map.of("bindflow.risk.night-time.from", "23:00",
                "bindflow.risk.night-time.to", "01:00"));
        RiskLayer layer = new RiskLayers.NightTime(wrapping.nightTime());
        assertThat(layer.evaluate(facts("ONLINE", "600.00", "X", OffsetDateTime.parse("2026-03-11T23:30:00+08:00")
                .toInstant(), RiskFacts.History.NONE)).outcome()).isEqualTo(RiskOutcome.STEP_UP);
        assertThat(layer.evaluate(facts("ONLINE", "600.00", "X", OffsetDateTime.parse("2026-03-11T01:00:00+08:00")
                .toInstant(), RiskFacts.History.NONE)).outcome()).isEqualTo(RiskOutcome.PASS);
    }

    @Test
    void anAmountThatNearlyEmptiesWhatIsLeftNeedsAStepUp() {
        RiskLayer layer = new RiskLayers.AmountNearLimit(p.amountNearLimit());
        // the smaller of available credit (15000) and exposure headroom (10000) is 10000: 90% is 9000
        assertResult(layer.evaluate(facts("ONLINE", "9000.00", "X", NOON, RiskFacts.History.NONE)),
                RiskOutcome.STEP_UP, "AMOUNT_NEAR_CREDIT_LIMIT");
        assertResult(layer.evaluate(facts("ONLINE", "8999.99", "X", NOON, RiskFacts.History.NONE)), RiskOutcome.PASS, null);
        // available credit the smaller
        assertResult(layer.evaluate(withCredit(facts("ONLINE", "1800.00", "X", NOON, RiskFacts.History.NONE), "2000.00",
                "10000.00")), RiskOutcome.STEP_UP, "AMOUNT_NEAR_CREDIT_LIMIT");
        // small amounts never: a 49.99 top-up with 50 left is ordinary
        assertResult(layer.evaluate(withCredit(facts("VIRTUAL_TOPUP", "49.99", "X", NOON, RiskFacts.History.NONE), "50.00",
                "10000.00")), RiskOutcome.PASS, null);
    }
}
