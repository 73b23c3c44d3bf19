package com.bindflow.fees;

import com.bindflow.channel.Channel;
import java.math.BigDecimal;
import java.util.List;

/**
 * An installment plan priced: the rates applied, the schedule, the totals, the nominal rate and the annualized rate
 * on the principal in use (IRR). Amounts in yuan, scale 2; rates in percent.
 *
 * @param nominalAnnualRatePercent (rate + surcharge) per period × 12, before coupons: the rate as a card states it
 */
public record InstallmentQuote(BigDecimal amount, int periods, InterestMethod method, Channel channel, Coupon coupon,
                               Rates rates, List<Period> schedule, Totals totals, BigDecimal nominalAnnualRatePercent,
                               AnnualizedRate annualizedRate) {

    /**
     * @param periodRatePercent    the card's rate per period for this term and method
     * @param surchargePercent     the channel's addition per period, on the same base
     * @param couponCoveredPercent the share of each period's installment cost the coupon pays
     */
    public record Rates(BigDecimal periodRatePercent, BigDecimal surchargePercent, BigDecimal couponCoveredPercent) {
    }

    /**
     * One month of the plan.
     *
     * @param interestOrFee  interest on the remaining principal (PRINCIPAL_BASED) or the fee on the original principal (FULL_AMOUNT)
     * @param couponDiscount what the coupon pays of this period's interest or fee and surcharge
     * @param payment        principal + interestOrFee + surcharge − couponDiscount
     * @param remaining      the principal still owed after this payment
     */
    public record Period(int period, BigDecimal principal, BigDecimal interestOrFee, BigDecimal surcharge,
                         BigDecimal couponDiscount, BigDecimal payment, BigDecimal remaining) {
    }

    /** Sums over the schedule; {@code cost} = interestOrFee + surcharge − couponDiscount = payment − principal. */
    public record Totals(BigDecimal principal, BigDecimal interestOrFee, BigDecimal surcharge, BigDecimal couponDiscount,
                         BigDecimal cost, BigDecimal payment) {
    }
}
