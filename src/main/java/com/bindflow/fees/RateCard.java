package com.bindflow.fees;

import com.bindflow.channel.Channel;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The rates the fee engine prices with, each a fraction (0.0087 = 0.87 %). The default card is the DMN
 * {@code processes/fee-rate-card.dmn} ({@link DmnRateCard}); operators change it there.
 */
public interface RateCard {

    /** The rate per period of a plan, or empty when the card offers no plan of that many periods and method. */
    Optional<BigDecimal> installmentRate(int periods, InterestMethod method);

    /** What the channel adds to the rate per period, on the same base (WeChat: 0.5 %). */
    BigDecimal installmentSurcharge(Channel channel);

    /** The share of each period's installment cost the coupon covers, or empty when it is not valid on the channel. */
    Optional<BigDecimal> couponShare(Coupon coupon, Channel channel);

    /** Cash withdrawal: interest per day on the amount, and a one-off service fee on the amount. */
    DailyFee cashWithdrawal(Channel channel);

    /** Overdue penalty per day on the overdue amount, the same on every channel. */
    BigDecimal overduePenaltyPerDay();

    /** A daily rate and a one-off service fee rate, fractions. */
    record DailyFee(BigDecimal dailyRate, BigDecimal serviceFeeRate) {
    }
}
