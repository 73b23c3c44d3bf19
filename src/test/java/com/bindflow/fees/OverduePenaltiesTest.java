package com.bindflow.fees;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class OverduePenaltiesTest {

    private static final OverduePenalties PENALTIES = new OverduePenalties(DefaultRateCard.CARD);

    @Test
    void fiveTenThousandthsADayOnTheOverdueAmount() {
        // 2000 x 0.05 % = 1.00 a day; due 10 March, counted to 25 March: 11th … 25th = 15 days → 15.00
        OverduePenalty p = PENALTIES.penaltyFor(new BigDecimal("2000"), LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 25));
        Assertions.assertThat(p.days()).isEqualTo(15);
        Assertions.assertThat(p.dailyRatePercent()).isEqualByComparingTo("0.05");
        Assertions.assertThat(p.dailyPenalty()).isEqualByComparingTo("1.00");
        Assertions.assertThat(p.penalty()).isEqualByComparingTo("15.00");
    }

    @Test
    void calendarDaysAcrossTheMonthEndAndNoneOnOrBeforeTheDueDate() {
        // due 27 Feb 2026 (not a leap year): 28 Feb, 1 Mar, 2 Mar = 3 days
        Assertions.assertThat(PENALTIES.penaltyFor(new BigDecimal("2000"), LocalDate.of(2026, 2, 27), LocalDate.of(2026, 3, 2))
                .penalty()).isEqualByComparingTo("3.00");
        Assertions.assertThat(PENALTIES.penaltyFor(new BigDecimal("2000"), LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 10))
                .penalty()).isEqualByComparingTo("0.00");
        Assertions.assertThat(PENALTIES.penaltyFor(new BigDecimal("2000"), LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 1))
                .days()).isZero();
    }

    @Test
    void eachDayIsRoundedHalfUpAndNothingCompounds() {
        // 1234.56 x 0.05 % = 0.61728 → 0.62 a day; 10 days = 6.20 (not 6.17, and not 1234.56 x (1.0005^10 - 1))
        Assertions.assertThat(PENALTIES.dailyPenalty(new BigDecimal("1234.56"))).isEqualByComparingTo("0.62");
        Assertions.assertThat(PENALTIES.penaltyForDays(new BigDecimal("1234.56"), 10L).penalty()).isEqualByComparingTo("6.20");
        // 9 x 0.05 % = 0.0045 → 0.00: an amount under 10.00 accrues nothing a day
        Assertions.assertThat(PENALTIES.dailyPenalty(new BigDecimal("9.00"))).isEqualByComparingTo("0.00");
        Assertions.assertThat(PENALTIES.dailyPenalty(new BigDecimal("10.00"))).isEqualByComparingTo("0.01");
        Assertions.assertThat(PENALTIES.dailyPenalty(BigDecimal.ZERO)).isEqualByComparingTo("0.00");
    }

    @Test
    void theDailyRateComesFromTheCard() {
        OverduePenalties tripled = new OverduePenalties(new FixedRateCard(null, null, null, null, null, new BigDecimal("0.0015")));
        Assertions.assertThat(tripled.penaltyForDays(new BigDecimal("2000"), 2L).penalty()).isEqualByComparingTo("6.00");
    }

    @Test
    void refusesBadInput() {
        CashWithdrawalsTest.assertRefused(() -> PENALTIES.penaltyForDays(new BigDecimal("-1"), 3L), "amount");
        CashWithdrawalsTest.assertRefused(() -> PENALTIES.penaltyForDays(new BigDecimal("100"), -1L), "days");
        CashWithdrawalsTest.assertRefused(() -> PENALTIES.penaltyFor(new BigDecimal("100"), null, LocalDate.of(2026, 3, 1)), "dueDate");
        CashWithdrawalsTest.assertRefused(() -> PENALTIES.penaltyFor(new BigDecimal("100"), LocalDate.of(2026, 3, 1), null), "asOf");
    }
}
