package com.bindflow.risk;

import static com.bindflow.risk.RiskTestFacts.NOON;
import static com.bindflow.risk.RiskTestFacts.defaults;
import static com.bindflow.risk.RiskTestFacts.facts;
import static com.bindflow.risk.RiskTestFacts.history;
import static com.bindflow.risk.RiskTestFacts.ordinary;
import static com.bindflow.risk.RiskTestFacts.settings;
import static com.bindflow.risk.RiskTestFacts.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pipeline: configured order, switches, thresholds, short-circuit and the combined outcome. */
class RiskPipelineTest {

    @Test
    void theDefaultOrderRunsEveryLayer() {
        assertThat(RiskPipeline.of(defaults()).layerNames()).containsExactly("account-frozen", "binding-not-active", "burst",
                "velocity", "unusual-city", "new-binding", "night-time", "amount-near-limit");
    }

    @Test
    void theOrderAndTheSwitchesComeFromConfiguration() {
        RiskPipeline pipeline = RiskPipeline.of(settings(Map.of(
                "bindflow.risk.order", "velocity,binding-not-active,account-frozen,night-time",
                "bindflow.risk.night-time.enabled", "false")));
        assertThat(pipeline.layerNames()).containsExactly("velocity", "binding-not-active", "account-frozen");
    }

    @Test
    void thresholdsComeFromConfiguration() {
        RiskFacts threeRecent = facts("ONLINE", "10.00", "Shanghai", NOON, history(3, 0, 0, 0, 0, false));
        assertThat(RiskPipeline.of(defaults()).evaluate(threeRecent).outcome()).isEqualTo(RiskOutcome.PASS);
        RiskPipeline strict = RiskPipeline.of(settings(Map.of("bindflow.risk.velocity.max-attempts", "3")));
        assertThat(strict.evaluate(threeRecent).outcome()).isEqualTo(RiskOutcome.STEP_UP);
    }

    @Test
    void aDeclineEndsTheRunAndLaterLayersDoNotRun() {
        RiskFacts unbound = with(facts("ONLINE", "10.00", "Shanghai", NOON, history(30, 0, 0, 0, 0, false)), false,
                "UNBOUND", null);
        RiskEvaluation e = RiskPipeline.of(defaults()).evaluate(unbound);
        assertThat(e.outcome()).isEqualTo(RiskOutcome.DECLINE);
        assertThat(e.layers()).extracting(LayerResult::layer).containsExactly("account-frozen", "binding-not-active");
        assertThat(e.reasons(RiskOutcome.DECLINE)).containsExactly("BINDING_NOT_ACTIVE");

        // moved after velocity, the velocity layer runs (and fires) first; the decline still wins
        RiskEvaluation moved = RiskPipeline.of(settings(Map.of("bindflow.risk.order",
                "account-frozen,velocity,binding-not-active"))).evaluate(unbound);
        assertThat(moved.layers()).extracting(LayerResult::layer).containsExactly("account-frozen", "velocity",
                "binding-not-active");
        assertThat(moved.layers()).extracting(LayerResult::outcome).containsExactly(RiskOutcome.PASS, RiskOutcome.STEP_UP,
                RiskOutcome.DECLINE);
        assertThat(moved.outcome()).isEqualTo(RiskOutcome.DECLINE);
    }

    @Test
    void aFrozenAccountStopsAtTheFirstLayer() {
        RiskEvaluation e = RiskPipeline.of(defaults()).evaluate(with(ordinary(), true, "ACTIVE", NOON.minus(Duration.ofDays(9))));
        assertThat(e.outcome()).isEqualTo(RiskOutcome.FREEZE);
        assertThat(e.layers()).singleElement().extracting(LayerResult::layer).isEqualTo("account-frozen");
    }

    @Test
    void stepUpsAddUpAndTheRunGoesOn() {
        // 02:00 Beijing, a new city with history, 11th attempt: three step-ups, every layer ran
        RiskFacts f = facts("ONLINE", "600.00", "Lhasa", NOON.minus(Duration.ofHours(8)), history(10, 5, 0, 0, 0, false));
        RiskEvaluation e = RiskPipeline.of(defaults()).evaluate(f);
        assertThat(e.outcome()).isEqualTo(RiskOutcome.STEP_UP);
        assertThat(e.layers()).hasSize(8);
        assertThat(e.reasons(RiskOutcome.STEP_UP)).containsExactly("HIGH_FREQUENCY", "UNUSUAL_CITY", "NIGHT_TIME_LARGE_AMOUNT");
    }

    @Test
    void theGatesRunAloneInTheirOrder() {
        RiskPipeline pipeline = RiskPipeline.of(settings(Map.of("bindflow.risk.order",
                "binding-not-active,velocity,account-frozen")));
        RiskEvaluation gates = pipeline.gates(facts("ONLINE", "10.00", "X", NOON, history(50, 0, 0, 0, 0, false)));
        assertThat(gates.layers()).extracting(LayerResult::layer).containsExactly("binding-not-active", "account-frozen");
        assertThat(gates.outcome()).isEqualTo(RiskOutcome.PASS);
    }

    @Test
    void configurationsThatCannotBeRightAreRefusedAtStart() {
        assertThatThrownBy(() -> RiskPipeline.of(settings(Map.of("bindflow.risk.order", "account-frozen,binding-not-active,geo"))))
                .hasMessageContaining("unknown layer 'geo'");
        assertThatThrownBy(() -> RiskPipeline.of(settings(Map.of("bindflow.risk.order",
                "account-frozen,binding-not-active,velocity,velocity")))).hasMessageContaining("twice");
        assertThatThrownBy(() -> RiskPipeline.of(settings(Map.of("bindflow.risk.order", "account-frozen,velocity"))))
                .hasMessageContaining("binding-not-active");
        assertThatThrownBy(() -> RiskPipeline.of(settings(Map.of("bindflow.risk.account-frozen.enabled", "false"))))
                .hasMessageContaining("account-frozen");
        assertThatThrownBy(() -> settings(Map.of("bindflow.risk.night-time.to", "5 am")))
                .hasStackTraceContaining("night-time.to");
    }

    @Test
    void theOutcomeIsTheMostSevere() {
        assertThat(List.of(RiskOutcome.STEP_UP, RiskOutcome.FREEZE, RiskOutcome.PASS).stream()
                .reduce(RiskOutcome.PASS, RiskOutcome::max)).isEqualTo(RiskOutcome.FREEZE);
        assertThat(RiskOutcome.STEP_UP.ends()).isFalse();
        assertThat(RiskOutcome.DECLINE.ends()).isTrue();
    }
}
