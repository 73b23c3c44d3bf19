package com.bindflow.overdue;

import com.bindflow.channel.Channel;
import com.bindflow.fees.DmnRateCard;
import com.bindflow.fees.OverduePenalties;
import com.bindflow.shared.DmnDecisions;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** The balance of an overdue case, checked by hand: the default card's 0.05 % a day (1000.00 → 0.50 a day). */
class OverdueLedgerTest {

    static final OverduePenalties PENALTIES = new OverduePenalties(new DmnRateCard(DmnDecisions.fromClasspath(DmnRateCard.RESOURCE)));
    static final LocalDate DUE = LocalDate.of(2026, 3, 9);
    static final OverdueCase CASE = new OverdueCase("case-1", "demo-ok", Channel.WECHAT, DUE, new BigDecimal("1000.00"),
            OverdueCase.State.OPEN, beijing("2026-03-11T10:00"), null);

    static Instant beijing(String localDateTime) {
        return OffsetDateTime.parse(localDateTime + "+08:00").toInstant();
    }

    static Repayment repayment(String at, String penaltyPart, String principalPart) {
        BigDecimal penalty = new BigDecimal(penaltyPart);
        BigDecimal principal = new BigDecimal(principalPart);
        return new Repayment("r-" + at, CASE.id(), penalty.add(principal), penalty, principal, BigDecimal.ZERO,
                BigDecimal.ZERO, beijing(at));
    }

    @Test
    void everyDayAfterTheDueDateUpToTodayOnTheAmountDue() {
        OverdueLedger empty = new OverdueLedger(CASE, List.of(), List.of());
        Assertions.assertThat(empty.accruedThrough()).isNull();
        Assertions.assertThat(empty.outstanding()).isEqualByComparingTo("1000.00");
        Assertions.assertThat(empty.accrualsThrough(DUE, PENALTIES)).as("nothing on the due date").isEmpty();

        // due 9 March, counted on 11 March: the 10th and the 11th, 1000.00 x 0.05 % = 0.50 each
        List<Accrual> two = empty.accrualsThrough(LocalDate.of(2026, 3, 11), PENALTIES);
        Assertions.assertThat(two).containsExactly(
                new Accrual(LocalDate.of(2026, 3, 10), new BigDecimal("1000.00"), new BigDecimal("0.50")),
                new Accrual(LocalDate.of(2026, 3, 11), new BigDecimal("1000.00"), new BigDecimal("0.50")));
        OverdueLedger posted = empty.posting(two);
        Assertions.assertThat(posted.accruedThrough()).isEqualTo(LocalDate.of(2026, 3, 11));
        Assertions.assertThat(posted.penaltyAccrued()).isEqualByComparingTo("1.00");
        Assertions.assertThat(posted.outstanding()).isEqualByComparingTo("1001.00");
        Assertions.assertThat(posted.accrualsThrough(LocalDate.of(2026, 3, 11), PENALTIES)).as("posted already").isEmpty();
        Assertions.assertThat(posted.accrualsThrough(LocalDate.of(2026, 3, 14), PENALTIES)).extracting(Accrual::date)
                .containsExactly(LocalDate.of(2026, 3, 12), LocalDate.of(2026, 3, 13), LocalDate.of(2026, 3, 14));
    }

    @Test
    void withoutRepaymentsThePostedDaysAddUpToTheFeeEnginesQuote() {
        OverdueLedger ledger = new OverdueLedger(CASE, List.of(), List.of());
        for (LocalDate asOf : List.of(LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 31), LocalDate.of(2026, 4, 2))) {
            OverdueLedger posted = ledger.posting(ledger.accrualsThrough(asOf, PENALTIES));
            Assertions.assertThat(posted.penaltyAccrued()).as("through %s", asOf)
                    .isEqualByComparingTo(PENALTIES.penaltyFor(CASE.amountDue(), DUE, asOf).penalty());
        }
        // 9 March to 2 April: 10–31 March (22 days) and 1–2 April = 24 days x 0.50
        Assertions.assertThat(ledger.accrualsThrough(LocalDate.of(2026, 4, 2), PENALTIES)).hasSize(24);
    }

    @Test
    void aRepaymentLowersTheBaseFromTheNextDayEvenWhenTheDaysArePostedLate() {
        // 300.00 repaid on 11 March 10:00 after 1.00 of penalty: 1.00 penalty, 299.00 principal → 701.00 owed
        OverdueLedger repaid = new OverdueLedger(CASE, List.of(), List.of(repayment("2026-03-11T10:00", "1.00", "299.00")));
        List<Accrual> days = repaid.accrualsThrough(LocalDate.of(2026, 3, 14), PENALTIES);
        // 10 and 11 March on 1000.00 (the repayment came during the 11th); 12–14 March on 701.00: 0.3505 → 0.35
        Assertions.assertThat(days).extracting(Accrual::base).extracting(BigDecimal::toPlainString)
                .containsExactly("1000.00", "1000.00", "701.00", "701.00", "701.00");
        Assertions.assertThat(days).extracting(Accrual::penalty).extracting(BigDecimal::toPlainString)
                .containsExactly("0.50", "0.50", "0.35", "0.35", "0.35");
        OverdueLedger posted = repaid.posting(days);
        Assertions.assertThat(posted.penaltyAccrued()).isEqualByComparingTo("2.05");
        Assertions.assertThat(posted.penaltyOutstanding()).isEqualByComparingTo("1.05");
        Assertions.assertThat(posted.principalOutstanding()).isEqualByComparingTo("701.00");
        Assertions.assertThat(posted.outstanding()).isEqualByComparingTo("702.05");
    }

    @Test
    void aRepaymentAtMidnightCountsFromTheFollowingDay() {
        // received at 00:00:00 of the 12th: the 12th's penalty (posted at that instant, before the repayment) is on
        // the principal owed at the day's start, before it
        OverdueLedger ledger = new OverdueLedger(CASE, List.of(), List.of(repayment("2026-03-12T00:00", "0.00", "500.00")));
        Assertions.assertThat(ledger.accrualsThrough(LocalDate.of(2026, 3, 13), PENALTIES)).extracting(Accrual::base)
                .extracting(BigDecimal::toPlainString).containsExactly("1000.00", "1000.00", "1000.00", "500.00");
    }

    @Test
    void aRepaymentPaysThePenaltyFirstThenThePrincipal() {
        OverdueLedger ledger = new OverdueLedger(CASE, List.of(
                new Accrual(LocalDate.of(2026, 3, 10), new BigDecimal("1000.00"), new BigDecimal("0.50")),
                new Accrual(LocalDate.of(2026, 3, 11), new BigDecimal("1000.00"), new BigDecimal("0.50"))), List.of());

        OverdueLedger.Split part = ledger.split(new BigDecimal("0.60"));
        Assertions.assertThat(part.penaltyPart()).isEqualByComparingTo("0.60");
        Assertions.assertThat(part.principalPart()).isEqualByComparingTo("0.00");
        Assertions.assertThat(part.penaltyAfter()).isEqualByComparingTo("0.40");
        Assertions.assertThat(part.principalAfter()).isEqualByComparingTo("1000.00");
        Assertions.assertThat(part.settles()).isFalse();

        OverdueLedger.Split more = ledger.split(new BigDecimal("300.00"));
        Assertions.assertThat(more.penaltyPart()).isEqualByComparingTo("1.00");
        Assertions.assertThat(more.principalPart()).isEqualByComparingTo("299.00");
        Assertions.assertThat(more.principalAfter()).isEqualByComparingTo("701.00");
        Assertions.assertThat(more.penaltyAfter()).isEqualByComparingTo("0.00");

        OverdueLedger.Split all = ledger.split(new BigDecimal("1001.00"));
        Assertions.assertThat(all.settles()).isTrue();
        Assertions.assertThatThrownBy(() -> ledger.split(new BigDecimal("1001.01"))).isInstanceOf(IllegalArgumentException.class);
        Assertions.assertThatThrownBy(() -> ledger.split(BigDecimal.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSettledCaseAccruesNothing() {
        OverdueCase settled = new OverdueCase(CASE.id(), CASE.userId(), CASE.channel(), DUE, CASE.amountDue(),
                OverdueCase.State.SETTLED, CASE.reportedAt(), beijing("2026-03-11T11:00"));
        Assertions.assertThat(new OverdueLedger(settled, List.of(), List.of()).accrualsThrough(LocalDate.of(2026, 3, 20), PENALTIES))
                .isEmpty();
    }
}
