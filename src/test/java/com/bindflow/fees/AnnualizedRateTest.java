package com.bindflow.fees;

import java.math.BigDecimal;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class AnnualizedRateTest {

    private static List<BigDecimal> amounts(String... values) {
        return java.util.Arrays.stream(values).map(BigDecimal::new).toList();
    }

    @Test
    void findsTheRateThatDiscountsThePaymentsToThePrincipal() {
        // 505 / 1.01 = 500 and 510.05 / 1.01^2 = 500: r = 1 % exactly; APR 12 %, effective 1.01^12 - 1 = 12.68 %
        AnnualizedRate rate = AnnualizedRate.ofMonthlyPayments(new BigDecimal("1000"), amounts("505", "510.05"));
        Assertions.assertThat(rate.periodicRate()).isEqualByComparingTo("0.01");
        Assertions.assertThat(rate.aprPercent()).isEqualByComparingTo("12.00");
        Assertions.assertThat(rate.effectivePercent()).isEqualByComparingTo("12.68");
    }

    @Test
    void aRateAboveOneHundredPercentAPeriodIsFoundToo() {
        // 300 a month after 100: 200 % a month
        Assertions.assertThat(AnnualizedRate.ofMonthlyPayments(new BigDecimal("100"), amounts("300")).periodicRate())
                .isEqualByComparingTo("2");
    }

    @Test
    void paymentsThatAddUpToThePrincipalCostNothing() {
        AnnualizedRate rate = AnnualizedRate.ofMonthlyPayments(new BigDecimal("1000"), amounts("333.33", "333.33", "333.34"));
        Assertions.assertThat(rate.periodicRate()).isZero();
        Assertions.assertThat(rate.aprPercent()).isEqualByComparingTo("0");
    }

    @Test
    void theSamePaymentsGiveTheSameDigits() {
        List<BigDecimal> payments = amounts("342.03", "342.03", "342.04");
        Assertions.assertThat(AnnualizedRate.ofMonthlyPayments(new BigDecimal("1000"), payments))
                .isEqualTo(AnnualizedRate.ofMonthlyPayments(new BigDecimal("1000"), payments));
    }

    @Test
    void oneRepaymentAfterSomeDays() {
        // 16.00 on 1000 for 30 days: 1.6 % x 365 / 30 = 19.4666… → 19.47 %
        Assertions.assertThat(AnnualizedRate.aprPercentOfOneRepayment(new BigDecimal("1000"), new BigDecimal("1016"), 30))
                .isEqualByComparingTo("19.47");
    }
}
