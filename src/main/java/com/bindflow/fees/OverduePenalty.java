package com.bindflow.fees;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The penalty on an overdue amount after some calendar days.
 *
 * @param dueDate      the day the amount was due (null when quoted by a number of days)
 * @param asOf         the day up to which the penalty is counted, inclusive (null when quoted by a number of days)
 * @param days         calendar days overdue: the days after {@code dueDate} up to and including {@code asOf}
 * @param dailyPenalty overdueAmount × daily rate, HALF_UP to the fen
 * @param penalty      days × dailyPenalty (not compounded)
 */
public record OverduePenalty(BigDecimal overdueAmount, LocalDate dueDate, LocalDate asOf, long days,
                             BigDecimal dailyRatePercent, BigDecimal dailyPenalty, BigDecimal penalty) {
}
