package com.bindflow.overdue;

import com.bindflow.channel.Channel;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An overdue case as the JD app sees it: what was due, what is owed now (principal, penalty), the penalty posted
 * through {@code accruedThrough} (a day in Beijing; null before the first), {@code outstanding} (what repays it in
 * full, before the days not posted yet), its state and, once repaid in full, when.
 */
public record OverdueView(String id, Channel channel, LocalDate dueDate, BigDecimal amountDue,
                          BigDecimal principalOutstanding, BigDecimal penaltyAccrued, BigDecimal penaltyOutstanding,
                          BigDecimal outstanding, LocalDate accruedThrough, OverdueCase.State state, Instant reportedAt,
                          Instant settledAt) {

    public static OverdueView of(OverdueLedger ledger) {
        OverdueCase c = ledger.overdue();
        return new OverdueView(c.id(), c.channel(), c.dueDate(), c.amountDue(), ledger.principalOutstanding(),
                ledger.penaltyAccrued(), ledger.penaltyOutstanding(), ledger.outstanding(), ledger.accruedThrough(),
                c.state(), c.reportedAt(), c.settledAt());
    }
}
