package com.bindflow.fees;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/**
 * The annualized rate on the principal actually in use (SPEC.md §6, the PBOC's 2021 notice: the IRR method).
 * The periodic rate r solves {@code principal = Σ payment_k / (1 + r)^k} (k = 1..n, one period a month); the
 * annual rate is {@code r × 12} (APR, as Chinese disclosures state it) and, beside it, the effective
 * {@code (1 + r)^12 − 1}. Found by bisection in BigDecimal with a fixed tolerance: the same payments always give
 * the same digits.
 *
 * @param periodicRate     r, a fraction, to {@link #SCALE} decimals
 * @param aprPercent       r × 12, in percent, HALF_UP to two decimals
 * @param effectivePercent (1 + r)^12 − 1, in percent, HALF_UP to two decimals
 */
public record AnnualizedRate(BigDecimal periodicRate, BigDecimal aprPercent, BigDecimal effectivePercent) {

    /** Decimals of r; the bisection stops when its bracket is narrower than 10^-SCALE. */
    public static final int SCALE = 12;

    private static final MathContext MC = new MathContext(34, RoundingMode.HALF_EVEN);
    private static final BigDecimal TOLERANCE = BigDecimal.ONE.movePointLeft(SCALE + 2);
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final BigDecimal MONTHS = BigDecimal.valueOf(12);
    /** Daily rates are annualized over 365 days (0.05 % a day = 18.25 % a year, as Baitiao states it). */
    public static final BigDecimal DAYS_A_YEAR = BigDecimal.valueOf(365);

    /** The annualized rate of monthly payments (first one a month after the principal is paid out). */
    public static AnnualizedRate ofMonthlyPayments(BigDecimal principal, List<BigDecimal> payments) {
        BigDecimal r = periodicRate(principal, payments);
        BigDecimal apr = r.multiply(MONTHS).movePointRight(2).setScale(2, RoundingMode.HALF_UP);
        BigDecimal effective = BigDecimal.ONE.add(r).pow(12, MC).subtract(BigDecimal.ONE).movePointRight(2)
                .setScale(2, RoundingMode.HALF_UP);
        return new AnnualizedRate(r, apr, effective);
    }

    /**
     * The annualized rate, in percent HALF_UP to two decimals, of paying out {@code principal} and receiving one
     * {@code repayment} {@code days} later: the IRR of that one period is repayment / principal − 1 exactly, annualized
     * like the APR above (× periods a year = 365 / days).
     */
    public static BigDecimal aprPercentOfOneRepayment(BigDecimal principal, BigDecimal repayment, long days) {
        return repayment.subtract(principal).multiply(DAYS_A_YEAR).movePointRight(2)
                .divide(principal.multiply(BigDecimal.valueOf(days)), 2, RoundingMode.HALF_UP);
    }

    /**
     * The IRR per period of paying out {@code principal} now and receiving {@code payments} one period apart.
     * Zero when the payments add up to no more than the principal (a plan that costs nothing).
     */
    static BigDecimal periodicRate(BigDecimal principal, List<BigDecimal> payments) {
        if (payments.stream().reduce(BigDecimal.ZERO, BigDecimal::add).compareTo(principal) <= 0) {
            return BigDecimal.ZERO.setScale(SCALE);
        }
        // present value falls as r rises: find hi with pv(hi) <= principal, then halve [lo, hi] keeping pv(lo) > principal
        BigDecimal lo = BigDecimal.ZERO;
        BigDecimal hi = BigDecimal.ONE;
        while (presentValue(payments, hi).compareTo(principal) > 0) {
            lo = hi;
            hi = hi.multiply(TWO);
        }
        while (hi.subtract(lo).compareTo(TOLERANCE) > 0) {
            BigDecimal mid = lo.add(hi).divide(TWO, MC);
            if (presentValue(payments, mid).compareTo(principal) > 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo.add(hi).divide(TWO, MC).setScale(SCALE, RoundingMode.HALF_UP);
    }

    static BigDecimal presentValue(List<BigDecimal> payments, BigDecimal rate) {
        BigDecimal discount = BigDecimal.ONE.divide(BigDecimal.ONE.add(rate), MC);
        BigDecimal factor = discount;
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal payment : payments) {
            sum = sum.add(payment.multiply(factor, MC), MC);
            factor = factor.multiply(discount, MC);
        }
        return sum;
    }
}
