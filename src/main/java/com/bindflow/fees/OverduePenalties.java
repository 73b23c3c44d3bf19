package com.bindflow.fees;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The overdue penalty (SPEC.md §6): 0.05 % a day (万五/日), computed the same way on the WeChat channel. The methods
 * the Overdue process's delegate calls.
 * <p>
 * Day count: an amount due on D and not repaid by the end of D is overdue from D + 1; every calendar day from D + 1
 * up to and including the day of the count (weekends and holidays too, dates in Asia/Shanghai) accrues one day's
 * penalty. One day's penalty is the overdue amount × the daily rate, HALF_UP to the fen, posted as it is; the base is
 * the overdue amount (the missed installments), never earlier penalties: not compounded.
 */
public class OverduePenalties {

    private final RateCard card;

    public OverduePenalties(RateCard card) {
        this.card = card;
    }

    /** One day's penalty on what is outstanding and overdue (0.00 for nothing outstanding). */
    public BigDecimal dailyPenalty(BigDecimal outstanding) {
        if (outstanding.signum() <= 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        return DailyAccrual.perDay(outstanding, card.overduePenaltyPerDay());
    }

    /**
     * The penalty on {@code overdueAmount}, due on {@code dueDate}, counted up to and including {@code asOf} (e.g. today
     * in Asia/Shanghai: {@code LocalDate.now(clock)} with the engine clock): days = asOf − dueDate, none before.
     */
    public OverduePenalty penaltyFor(BigDecimal overdueAmount, LocalDate dueDate, LocalDate asOf) {
        FeeInputException.required("dueDate", dueDate);
        FeeInputException.required("asOf", asOf);
        long days = Math.max(0, ChronoUnit.DAYS.between(dueDate, asOf));
        return penalty(overdueAmount, dueDate, asOf, days);
    }

    /** The penalty on {@code overdueAmount} after {@code days} calendar days overdue. */
    public OverduePenalty penaltyForDays(BigDecimal overdueAmount, Long days) {
        return penalty(overdueAmount, null, null, DailyAccrual.requireDays("days", days, 0));
    }

    private OverduePenalty penalty(BigDecimal overdueAmount, LocalDate dueDate, LocalDate asOf, long days) {
        BigDecimal amount = Fen.requireAmount("amount", overdueAmount);
        BigDecimal rate = card.overduePenaltyPerDay();
        DailyAccrual accrual = DailyAccrual.of(amount, rate, days);
        return new OverduePenalty(amount, dueDate, asOf, days, Fen.percent(rate), accrual.perDay(), accrual.total());
    }
}
