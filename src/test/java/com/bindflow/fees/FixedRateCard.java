package com.bindflow.fees;

import com.bindflow.channel.Channel;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * A rate card of given rates (fractions) for any term, for hand-checked figures and property tests: the installment
 * rate for both methods, the WeChat surcharge and the WeChat points coupon share (valid on WECHAT only, as on the
 * default card), the withdrawal's daily rate and WeChat service fee, the penalty's daily rate.
 */
record FixedRateCard(BigDecimal installmentRate, BigDecimal wechatSurcharge, BigDecimal wechatPointsShare,
                     BigDecimal withdrawalDaily, BigDecimal wechatServiceFee, BigDecimal penaltyDaily) implements RateCard {

    /** The seed's rates except the installment rate. */
    static FixedRateCard installment(String rate) {
        return new FixedRateCard(new BigDecimal(rate), new BigDecimal("0.005"), new BigDecimal("0.8"),
                new BigDecimal("0.0005"), new BigDecimal("0.001"), new BigDecimal("0.0005"));
    }

    @Override
    public Optional<BigDecimal> installmentRate(int periods, InterestMethod method) {
        return Optional.of(installmentRate);
    }

    @Override
    public BigDecimal installmentSurcharge(Channel channel) {
        return channel == Channel.WECHAT ? wechatSurcharge : BigDecimal.ZERO;
    }

    @Override
    public Optional<BigDecimal> couponShare(Coupon coupon, Channel channel) {
        if (coupon == Coupon.NONE) {
            return Optional.of(BigDecimal.ZERO);
        }
        return channel == Channel.WECHAT ? Optional.of(wechatPointsShare) : Optional.empty();
    }

    @Override
    public DailyFee cashWithdrawal(Channel channel) {
        return new DailyFee(withdrawalDaily, channel == Channel.WECHAT ? wechatServiceFee : BigDecimal.ZERO);
    }

    @Override
    public BigDecimal overduePenaltyPerDay() {
        return penaltyDaily;
    }
}
