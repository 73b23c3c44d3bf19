package com.bindflow.fees;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Money in yuan to the fen (scale 2), rounded HALF_UP (SPEC.md §6), and rates shown as percents. Never double.
 */
public final class Fen {

    /** A sanity bound for every amount: far above any credit line, and it keeps arithmetic on absurd inputs cheap. */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("100000000.00");

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Fen() {
    }

    public static BigDecimal round(BigDecimal yuan) {
        return yuan.setScale(2, RoundingMode.HALF_UP);
    }

    /**
     * {@code total} in {@code parts} equal parts: each part HALF_UP to the fen, the last part absorbs the remainder
     * (1000 over 3 → 333.33 / 333.33 / 333.34; 2000 over 3 → 666.67 / 666.67 / 666.66). The parts sum to the total.
     * The last part is not negative while each part is at least (parts - 1) x 0.005 (the plans ask 1.00 a period).
     */
    public static List<BigDecimal> split(BigDecimal total, int parts) {
        BigDecimal each = total.divide(BigDecimal.valueOf(parts), 2, RoundingMode.HALF_UP);
        List<BigDecimal> result = new ArrayList<>(parts);
        for (int i = 1; i < parts; i++) {
            result.add(each);
        }
        result.add(round(total).subtract(each.multiply(BigDecimal.valueOf(parts - 1))));
        return result;
    }

    public static BigDecimal sum(Collection<BigDecimal> amounts) {
        return amounts.stream().reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    /** A rate given as a fraction (0.0087) shown as a percent with at least two decimals (0.87). */
    public static BigDecimal percent(BigDecimal fraction) {
        BigDecimal percent = fraction.multiply(HUNDRED).stripTrailingZeros();
        return percent.scale() < 2 ? percent.setScale(2, RoundingMode.UNNECESSARY) : percent;
    }

    /** A positive amount in yuan with at most two decimals, at most {@link #MAX_AMOUNT}; returned at scale 2. */
    public static BigDecimal requireAmount(String field, BigDecimal amount) {
        FeeInputException.required(field, amount);
        if (amount.signum() <= 0) {
            throw new FeeInputException(field, field + " must be a positive amount in yuan.");
        }
        if (amount.compareTo(MAX_AMOUNT) > 0) {
            throw new FeeInputException(field, field + " must be at most " + MAX_AMOUNT.toPlainString() + ".");
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            throw new FeeInputException(field, field + " must have at most two decimals (fen).");
        }
        return amount.setScale(2, RoundingMode.UNNECESSARY);
    }
}
