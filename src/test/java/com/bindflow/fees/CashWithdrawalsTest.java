package com.bindflow.fees;

import static com.bindflow.channel.Channel.JD_APP;
import static com.bindflow.channel.Channel.WECHAT;

import java.math.BigDecimal;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class CashWithdrawalsTest {

    private static final CashWithdrawals WITHDRAWALS = new CashWithdrawals(DefaultRateCard.CARD);

    @Test
    void jdAppFiveHundredthsOfAPercentADay() {
        // 1000 x 0.05 % = 0.50 a day; 30 days = 15.00; 0.05 % x 365 = 18.25 % a year, and so is the IRR
        WithdrawalQuote q = WITHDRAWALS.quote(new BigDecimal("1000"), 30L, JD_APP);
        Assertions.assertThat(q.interestPerDay()).isEqualByComparingTo("0.50");
        Assertions.assertThat(q.interest()).isEqualByComparingTo("15.00");
        Assertions.assertThat(q.serviceFee()).isEqualByComparingTo("0.00");
        Assertions.assertThat(q.repayment()).isEqualByComparingTo("1015.00");
        Assertions.assertThat(q.nominalAnnualRatePercent()).isEqualByComparingTo("18.25");
        Assertions.assertThat(q.annualizedRatePercent()).isEqualByComparingTo("18.25");
    }

    @Test
    void wechatAddsAOneOffServiceFeeOfATenthOfAPercent() {
        // + 1000 x 0.1 % = 1.00 once: cost 16.00; 1.6 % x 365 / 30 = 19.47 %
        WithdrawalQuote q = WITHDRAWALS.quote(new BigDecimal("1000"), 30L, WECHAT);
        Assertions.assertThat(q.serviceFeePercent()).isEqualByComparingTo("0.10");
        Assertions.assertThat(q.serviceFee()).isEqualByComparingTo("1.00");
        Assertions.assertThat(q.totalCost()).isEqualByComparingTo("16.00");
        Assertions.assertThat(q.repayment()).isEqualByComparingTo("1016.00");
        Assertions.assertThat(q.annualizedRatePercent()).isEqualByComparingTo("19.47");
    }

    @Test
    void eachDaysInterestIsRoundedToTheFen() {
        // 1234.56 x 0.05 % = 0.61728 → 0.62 a day; 10 days 6.20; fee 1.23456 → 1.23
        WithdrawalQuote q = WITHDRAWALS.quote(new BigDecimal("1234.56"), 10L, WECHAT);
        Assertions.assertThat(q.interestPerDay()).isEqualByComparingTo("0.62");
        Assertions.assertThat(q.interest()).isEqualByComparingTo("6.20");
        Assertions.assertThat(q.serviceFee()).isEqualByComparingTo("1.23");
        Assertions.assertThat(q.repayment()).isEqualByComparingTo("1241.99");
    }

    @Test
    void refusesBadInput() {
        assertRefused(() -> WITHDRAWALS.quote(new BigDecimal("0"), 30L, JD_APP), "amount");
        assertRefused(() -> WITHDRAWALS.quote(new BigDecimal("1000"), 0L, JD_APP), "days");
        assertRefused(() -> WITHDRAWALS.quote(new BigDecimal("1000"), 3651L, JD_APP), "days");
        assertRefused(() -> WITHDRAWALS.quote(new BigDecimal("1000"), null, JD_APP), "days");
        assertRefused(() -> WITHDRAWALS.quote(new BigDecimal("1000"), 30L, null), "channel");
    }

    static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        Assertions.assertThatThrownBy(call)
                .isInstanceOfSatisfying(FeeInputException.class, e -> Assertions.assertThat(e.field()).isEqualTo(field));
    }
}
