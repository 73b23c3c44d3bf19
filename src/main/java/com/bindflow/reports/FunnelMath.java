package com.bindflow.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;

/** The arithmetic of the funnel report: exact decimals, never floating point. */
final class FunnelMath {

    /** Rates: 4 decimal places (0.5000 = 50%). */
    static final int RATE_SCALE = 4;
    /** Percentage points: 2 decimal places. */
    static final int POINTS_SCALE = 2;
    /** Seconds: 1 decimal place. */
    static final int SECONDS_SCALE = 1;

    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private FunnelMath() {
    }

    /** part / whole with 4 places, HALF_UP; null when whole is 0 (no rate of nothing). */
    static BigDecimal rate(long part, long whole) {
        if (whole == 0) {
            return null;
        }
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), RATE_SCALE, RoundingMode.HALF_UP);
    }

    /** (a − b) in percentage points, from the two shown (rounded) rates, so that the figures add up; null if either is null. */
    static BigDecimal gapInPoints(BigDecimal a, BigDecimal b) {
        if (a == null || b == null) {
            return null;
        }
        return a.subtract(b).movePointRight(2).setScale(POINTS_SCALE, RoundingMode.HALF_UP);
    }

    /** The median in seconds, 1 place HALF_UP (the mean of the two middle values for an even count); null when empty. */
    static BigDecimal medianSeconds(List<Duration> durations) {
        if (durations.isEmpty()) {
            return null;
        }
        List<Long> millis = durations.stream().map(Duration::toMillis).sorted().toList();
        int n = millis.size();
        BigDecimal middle = n % 2 == 1
                ? BigDecimal.valueOf(millis.get(n / 2))
                : BigDecimal.valueOf(millis.get(n / 2 - 1)).add(BigDecimal.valueOf(millis.get(n / 2)))
                        .divide(BigDecimal.valueOf(2));
        return middle.divide(THOUSAND, SECONDS_SCALE, RoundingMode.HALF_UP);
    }

    /**
     * The {@code percent}th percentile in seconds by nearest rank (the value at rank ⌈percent/100 · n⌉ of the sorted
     * durations), 1 place HALF_UP; null when empty.
     */
    static BigDecimal percentileSeconds(List<Duration> durations, int percent) {
        if (durations.isEmpty()) {
            return null;
        }
        List<Long> millis = durations.stream().map(Duration::toMillis).sorted().toList();
        int rank = (int) Math.ceil(percent / 100.0 * millis.size());
        long value = millis.get(Math.max(rank, 1) - 1);
        return BigDecimal.valueOf(value).divide(THOUSAND, SECONDS_SCALE, RoundingMode.HALF_UP);
    }

    /** The arithmetic mean in seconds, 1 place HALF_UP; null when empty. */
    static BigDecimal meanSeconds(List<Duration> durations) {
        if (durations.isEmpty()) {
            return null;
        }
        BigDecimal totalMillis = durations.stream().map(d -> BigDecimal.valueOf(d.toMillis()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return totalMillis.divide(THOUSAND.multiply(BigDecimal.valueOf(durations.size())), SECONDS_SCALE,
                RoundingMode.HALF_UP);
    }

    /** A decimal as the API shows it: plain digits, never exponent notation; null stays null. */
    static String text(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
