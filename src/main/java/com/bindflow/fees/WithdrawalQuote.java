package com.bindflow.fees;

import com.bindflow.channel.Channel;
import java.math.BigDecimal;

/**
 * A cash withdrawal of {@code amount} repaid in one payment after {@code days} calendar days.
 *
 * @param interestPerDay           amount × daily rate, HALF_UP to the fen
 * @param interest                 days × interestPerDay
 * @param serviceFee               amount × the channel's one-off service fee rate (WeChat 0.1 %), HALF_UP, due with the repayment
 * @param nominalAnnualRatePercent daily rate × 365
 * @param annualizedRatePercent    IRR of the one repayment, annualized: (repayment / amount − 1) × 365 / days
 */
public record WithdrawalQuote(BigDecimal amount, long days, Channel channel, BigDecimal dailyRatePercent,
                              BigDecimal serviceFeePercent, BigDecimal interestPerDay, BigDecimal interest,
                              BigDecimal serviceFee, BigDecimal totalCost, BigDecimal repayment,
                              BigDecimal nominalAnnualRatePercent, BigDecimal annualizedRatePercent) {
}
