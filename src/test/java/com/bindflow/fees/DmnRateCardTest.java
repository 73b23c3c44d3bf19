package com.bindflow.fees;

import static com.bindflow.channel.Channel.JD_APP;
import static com.bindflow.channel.Channel.WECHAT;

import java.math.BigDecimal;
import java.util.Optional;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** The default card (processes/fee-rate-card.dmn) read exactly: the seed's numbers, as fractions. */
class DmnRateCardTest {

    private static final RateCard CARD = DefaultRateCard.CARD;

    @Test
    void offersThreeSixNineTwelveAndTwentyFourPeriodsByBothMethods() {
        for (int n = -1; n <= 36; n++) {
            boolean offered = n == 3 || n == 6 || n == 9 || n == 12 || n == 24;
            for (InterestMethod method : InterestMethod.values()) {
                Assertions.assertThat(CARD.installmentRate(n, method)).as(n + " " + method).matches(r -> r.isPresent() == offered);
            }
        }
        assertRate(CARD.installmentRate(3, InterestMethod.FULL_AMOUNT), "0.0087");
        assertRate(CARD.installmentRate(24, InterestMethod.PRINCIPAL_BASED), "0.013");
    }

    @Test
    void wechatSurchargeCouponWithdrawalAndPenaltyRates() {
        Assertions.assertThat(CARD.installmentSurcharge(JD_APP)).isEqualByComparingTo("0");
        Assertions.assertThat(CARD.installmentSurcharge(WECHAT)).isEqualByComparingTo("0.005");
        assertRate(CARD.couponShare(Coupon.NONE, JD_APP), "0");
        assertRate(CARD.couponShare(Coupon.NONE, WECHAT), "0");
        assertRate(CARD.couponShare(Coupon.WECHAT_POINTS, WECHAT), "0.8");
        Assertions.assertThat(CARD.couponShare(Coupon.WECHAT_POINTS, JD_APP)).isEqualTo(Optional.empty());
        Assertions.assertThat(CARD.cashWithdrawal(JD_APP).dailyRate()).isEqualByComparingTo("0.0005");
        Assertions.assertThat(CARD.cashWithdrawal(JD_APP).serviceFeeRate()).isEqualByComparingTo("0");
        Assertions.assertThat(CARD.cashWithdrawal(WECHAT).serviceFeeRate()).isEqualByComparingTo("0.001");
        Assertions.assertThat(CARD.overduePenaltyPerDay()).isEqualByComparingTo("0.0005");
    }

    private static void assertRate(Optional<BigDecimal> rate, String expected) {
        Assertions.assertThat(rate).hasValueSatisfying(r -> Assertions.assertThat(r).isEqualByComparingTo(expected));
    }
}
