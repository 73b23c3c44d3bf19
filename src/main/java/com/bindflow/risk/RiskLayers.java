package com.bindflow.risk;

import com.bindflow.shared.EngineClock;
import java.math.BigDecimal;
import java.time.LocalTime;

/**
 * The layers of the risk pipeline, each a pure function of {@link RiskFacts} and its own settings. Semantics
 * (README "Payments and risk"): the two gates refuse; the burst freezes; the others ask for face recognition.
 */
public final class RiskLayers {

    public static final String ACCOUNT_FROZEN = "account-frozen";
    public static final String BINDING_NOT_ACTIVE = "binding-not-active";
    public static final String BURST = "burst";
    public static final String VELOCITY = "velocity";
    public static final String UNUSUAL_CITY = "unusual-city";
    public static final String NEW_BINDING = "new-binding";
    public static final String NIGHT_TIME = "night-time";
    public static final String AMOUNT_NEAR_LIMIT = "amount-near-limit";

    private RiskLayers() {
    }

    /** The credit line is frozen (risk or overdue): every payment, every scenario → FREEZE (no new freeze). */
    public record AccountFrozen() implements RiskLayer {
        @Override
        public String name() {
            return ACCOUNT_FROZEN;
        }

        @Override
        public LayerResult evaluate(RiskFacts f) {
            return f.accountFrozen() ? fire(RiskOutcome.FREEZE, "ACCOUNT_FROZEN", "the credit line is frozen") : pass();
        }
    }

    /** No binding, or one that is not ACTIVE → DECLINE. */
    public record BindingNotActive() implements RiskLayer {
        @Override
        public String name() {
            return BINDING_NOT_ACTIVE;
        }

        @Override
        public LayerResult evaluate(RiskFacts f) {
            if ("ACTIVE".equals(f.bindingStatus())) {
                return pass();
            }
            return fire(RiskOutcome.DECLINE, "BINDING_NOT_ACTIVE",
                    f.bindingStatus() == null ? "no binding" : "the binding is " + f.bindingStatus());
        }
    }

    /** The seed's case (SPEC §5): near-limit attempts from several cities right after binding → FREEZE. */
    public record Burst(RiskProperties.Burst settings) implements RiskLayer {
        @Override
        public String name() {
            return BURST;
        }

        @Override
        public LayerResult evaluate(RiskFacts f) {
            if (!qualifies(settings, f.scenario(), f.amount()) || f.activatedAt() == null || f.now().isBefore(f.activatedAt())
                    || !f.now().isBefore(f.activatedAt().plus(settings.window()))) {
                return pass();
            }
            long attempts = f.history().burstAttempts() + 1;
            long cities = f.history().burstCities() + (f.history().burstSeenCity() ? 0 : 1);
            if (attempts < settings.attempts() || cities < settings.minCities()) {
                return pass();
            }
            return fire(RiskOutcome.FREEZE, "CROSS_CITY_SCAN_BURST", attempts + " " + settings.scenario() + " attempts of at "
                    + "least " + settings.minAmount().toPlainString() + " from " + cities + " cities within "
                    + settings.window() + " of the binding's activation");
        }

        /** Whether an attempt of this scenario and amount counts towards the burst. */
        public static boolean qualifies(RiskProperties.Burst settings, String scenario, BigDecimal amount) {
            return settings.scenario().equals(scenario) && amount.compareTo(settings.minAmount()) >= 0;
        }
    }

    /** More attempts in the window than a person makes → STEP_UP. */
    public record Velocity(RiskProperties.Velocity settings) implements RiskLayer {
        @Override
        public String name() {
            return VELOCITY;
        }

        @Override
        public LayerResult evaluate(RiskFacts f) {
            long attempts = f.history().recentAttempts() + 1;
            return attempts > settings.maxAttempts()
                    ? fire(RiskOutcome.STEP_UP, "HIGH_FREQUENCY", attempts + " attempts within " + settings.window())
                    : pass();
        }
    }

    /** A customer with a history pays from a city none of their approved payments came from → STEP_UP. */
    public record UnusualCity(RiskProperties.UnusualCity settings) implements RiskLayer {
        @Override
        public String name() {
            return UNUSUAL_CITY;
        }

        @Override
        public LayerResult evaluate(RiskFacts f) {
            RiskFacts.History h = f.history();
            return h.approvedInLookback() >= settings.minHistory() && h.approvedFromCity() == 0
                    ? fire(RiskOutcome.STEP_UP, "UNUSUAL_CITY", "none of " + h.approvedInLookback()
                    + " approved payments in " + settings.lookback() + " came from " + f.city())
                    : pass();
        }
    }

    /** A large amount soon after the binding became ACTIVE → STEP_UP. */
    public record NewBinding(RiskProperties.NewBinding settings) implements RiskLayer {
        @Override
        public String name() {
            return NEW_BINDING;
        }

        @Override
        public LayerResult evaluate(RiskFacts f) {
            boolean fresh = f.activatedAt() != null && f.now().isBefore(f.activatedAt().plus(settings.window()));
            return fresh && f.amount().compareTo(settings.minAmount()) >= 0
                    ? fire(RiskOutcome.STEP_UP, "NEW_BINDING_LARGE_AMOUNT", "at least " + settings.minAmount().toPlainString()
                    + " within " + settings.window() + " of the binding's activation")
                    : pass();
        }
    }

    /** A large amount in the night, Beijing time → STEP_UP. */
    public record NightTime(RiskProperties.NightTime settings) implements RiskLayer {
        @Override
        public String name() {
            return NIGHT_TIME;
        }

        @Override
        public LayerResult evaluate(RiskFacts f) {
            LocalTime local = f.now().atZone(EngineClock.CHINA).toLocalTime();
            LocalTime from = settings.fromTime();
            LocalTime to = settings.toTime();
            boolean night = from.isBefore(to)
                    ? !local.isBefore(from) && local.isBefore(to)
                    : !local.isBefore(from) || local.isBefore(to);
            return night && f.amount().compareTo(settings.minAmount()) >= 0
                    ? fire(RiskOutcome.STEP_UP, "NIGHT_TIME_LARGE_AMOUNT", "at least " + settings.minAmount().toPlainString()
                    + " at " + local.withNano(0) + " Beijing time")
                    : pass();
        }
    }

    /** A large amount that (nearly) empties what the customer can still spend → STEP_UP. */
    public record AmountNearLimit(RiskProperties.AmountNearLimit settings) implements RiskLayer {
        @Override
        public String name() {
            return AMOUNT_NEAR_LIMIT;
        }

        @Override
        public LayerResult evaluate(RiskFacts f) {
            BigDecimal headroom = f.availableCredit().min(f.exposureHeadroom());
            boolean near = headroom.signum() > 0 && f.amount().compareTo(settings.minAmount()) >= 0
                    && f.amount().compareTo(headroom.multiply(settings.ratio())) >= 0;
            return near
                    ? fire(RiskOutcome.STEP_UP, "AMOUNT_NEAR_CREDIT_LIMIT", f.amount().toPlainString() + " of "
                    + headroom.toPlainString() + " the customer can still spend")
                    : pass();
        }
    }
}
