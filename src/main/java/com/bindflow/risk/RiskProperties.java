package com.bindflow.risk;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The risk pipeline ({@code bindflow.risk.*}): which layers run in which order, each one's switch and thresholds.
 * Amounts in yuan. The two gates (account-frozen, binding-not-active) may be moved but not switched off.
 *
 * @param order the layers, first to last; a layer not listed does not run
 */
@ConfigurationProperties("bindflow.risk")
public record RiskProperties(
        @DefaultValue({"account-frozen", "binding-not-active", "burst", "velocity", "unusual-city", "new-binding",
                "night-time", "amount-near-limit"}) List<String> order,
        @DefaultValue Switch accountFrozen,
        @DefaultValue Switch bindingNotActive,
        @DefaultValue Burst burst,
        @DefaultValue Velocity velocity,
        @DefaultValue UnusualCity unusualCity,
        @DefaultValue NewBinding newBinding,
        @DefaultValue NightTime nightTime,
        @DefaultValue AmountNearLimit amountNearLimit) {

    /** A layer with nothing to tune but its switch. */
    public record Switch(@DefaultValue("true") boolean enabled) {
    }

    /**
     * The seed's case: within {@code window} of the binding's activation, {@code attempts} attempts of
     * {@code scenario} each ≥ {@code minAmount} (approved or not, this one included) from at least
     * {@code minCities} cities → FREEZE.
     */
    public record Burst(@DefaultValue("true") boolean enabled, @DefaultValue("OFFLINE_SCAN") String scenario,
                        @DefaultValue("PT2H") Duration window, @DefaultValue("1800.00") BigDecimal minAmount,
                        @DefaultValue("5") int attempts, @DefaultValue("2") int minCities) {
    }

    /** More than {@code maxAttempts} attempts (this one included) within {@code window} → STEP_UP. */
    public record Velocity(@DefaultValue("true") boolean enabled, @DefaultValue("PT10M") Duration window,
                           @DefaultValue("10") int maxAttempts) {
    }

    /**
     * A customer with at least {@code minHistory} approved payments in {@code lookback} pays from a city none of
     * them came from → STEP_UP.
     */
    public record UnusualCity(@DefaultValue("true") boolean enabled, @DefaultValue("P90D") Duration lookback,
                              @DefaultValue("3") int minHistory) {
    }

    /** Within {@code window} of the binding's activation, an amount ≥ {@code minAmount} → STEP_UP. */
    public record NewBinding(@DefaultValue("true") boolean enabled, @DefaultValue("PT24H") Duration window,
                             @DefaultValue("3000.00") BigDecimal minAmount) {
    }

    /** Between {@code from} and {@code to} Beijing time (may wrap midnight), an amount ≥ {@code minAmount} → STEP_UP. */
    public record NightTime(@DefaultValue("true") boolean enabled, @DefaultValue("00:00") String from,
                            @DefaultValue("05:00") String to, @DefaultValue("500.00") BigDecimal minAmount) {

        public NightTime {
            time("from", from);
            time("to", to);
        }

        public LocalTime fromTime() {
            return LocalTime.parse(from);
        }

        public LocalTime toTime() {
            return LocalTime.parse(to);
        }

        private static void time(String name, String value) {
            try {
                LocalTime.parse(value);
            } catch (DateTimeParseException | NullPointerException e) {
                throw new IllegalStateException("bindflow.risk.night-time." + name + " must be a time of day like 05:00, not " + value);
            }
        }
    }

    /**
     * An amount ≥ {@code minAmount} that takes at least {@code ratio} of what the customer can still spend (the
     * smaller of available credit and WeChat exposure headroom) → STEP_UP.
     */
    public record AmountNearLimit(@DefaultValue("true") boolean enabled, @DefaultValue("0.90") BigDecimal ratio,
                                  @DefaultValue("1000.00") BigDecimal minAmount) {
    }
}
