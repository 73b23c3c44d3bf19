package com.bindflow.fees;

import java.math.BigDecimal;

/**
 * A charge that accrues per calendar day on a fixed base (cash-withdrawal interest, overdue penalty): each day's
 * amount is base × daily rate, HALF_UP to the fen (the amount posted that day), and the total is days × that amount.
 * Not compounded: what accrued earns nothing.
 */
public record DailyAccrual(BigDecimal perDay, long days, BigDecimal total) {

    /** The longest span quoted (ten years): a sanity bound for inputs. */
    public static final long MAX_DAYS = 3650;

    public static BigDecimal perDay(BigDecimal base, BigDecimal dailyRate) {
        return Fen.round(base.multiply(dailyRate));
    }

    public static DailyAccrual of(BigDecimal base, BigDecimal dailyRate, long days) {
        BigDecimal perDay = perDay(base, dailyRate);
        return new DailyAccrual(perDay, days, perDay.multiply(BigDecimal.valueOf(days)));
    }

    static long requireDays(String field, Long days, long min) {
        FeeInputException.required(field, days);
        if (days < min || days > MAX_DAYS) {
            throw new FeeInputException(field, field + " must be a whole number of days from " + min + " to " + MAX_DAYS + ".");
        }
        return days;
    }
}
