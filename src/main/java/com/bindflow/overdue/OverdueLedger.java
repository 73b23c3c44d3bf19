package com.bindflow.overdue;

import com.bindflow.fees.Fen;
import com.bindflow.fees.OverduePenalties;
import com.bindflow.shared.EngineClock;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The balance of an overdue case from its rows: the amount due, the penalty posted day by day, and the repayments.
 * Plain arithmetic, no storage.
 * <ul>
 *   <li>principal outstanding = amount due − the principal parts of the repayments;</li>
 *   <li>penalty outstanding = the penalties posted − the penalty parts of the repayments;</li>
 *   <li>the penalty of day X (a calendar day in Asia/Shanghai after the due date, as the fee engine counts them) is the
 *       fee engine's daily penalty on the principal outstanding at the start of X: repayments received before X's
 *       start count, whenever the day is posted (a job that runs late posts the same amounts);</li>
 *   <li>a repayment pays the penalty outstanding first, then the principal (so the principal is never repaid while a
 *       penalty is owed, and a case whose principal is repaid owes nothing).</li>
 * </ul>
 */
public record OverdueLedger(OverdueCase overdue, List<Accrual> accruals, List<Repayment> repayments) {

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    public BigDecimal principalOutstanding() {
        return overdue.amountDue().subtract(Fen.sum(repayments.stream().map(Repayment::principalPart).toList()));
    }

    public BigDecimal penaltyAccrued() {
        return Fen.sum(accruals.stream().map(Accrual::penalty).toList());
    }

    public BigDecimal penaltyOutstanding() {
        return penaltyAccrued().subtract(Fen.sum(repayments.stream().map(Repayment::penaltyPart).toList()));
    }

    /** What repays the case in full now (before the days not posted yet). */
    public BigDecimal outstanding() {
        return principalOutstanding().add(penaltyOutstanding());
    }

    /** The last day whose penalty is posted; null before the first. */
    public LocalDate accruedThrough() {
        return accruals.stream().map(Accrual::date).max(Comparator.naturalOrder()).orElse(null);
    }

    /** The principal owed at {@code instant}: the amount due less the principal repaid before it. */
    public BigDecimal principalAt(Instant instant) {
        return overdue.amountDue().subtract(Fen.sum(repayments.stream().filter(r -> r.receivedAt().isBefore(instant))
                .map(Repayment::principalPart).toList()));
    }

    /**
     * The days not posted yet, from the day after the last posted one (or after the due date) up to and including
     * {@code today}, each with its base and the fee engine's penalty on it. Empty for a settled case, or when
     * {@code today} is posted already.
     */
    public List<Accrual> accrualsThrough(LocalDate today, OverduePenalties penalties) {
        List<Accrual> due = new ArrayList<>();
        if (!overdue.open()) {
            return due;
        }
        LocalDate last = accruedThrough();
        for (LocalDate day = (last == null ? overdue.dueDate() : last).plusDays(1); !day.isAfter(today); day = day.plusDays(1)) {
            BigDecimal base = principalAt(day.atStartOfDay(EngineClock.CHINA).toInstant());
            due.add(new Accrual(day, base, penalties.dailyPenalty(base)));
        }
        return due;
    }

    /** This ledger with {@code more} days posted. */
    public OverdueLedger posting(List<Accrual> more) {
        List<Accrual> all = new ArrayList<>(accruals);
        all.addAll(more);
        return new OverdueLedger(overdue, List.copyOf(all), repayments);
    }

    /** How a repayment of {@code amount} (at most {@link #outstanding()}) splits: the penalty first, then the principal. */
    public record Split(BigDecimal penaltyPart, BigDecimal principalPart, BigDecimal principalAfter, BigDecimal penaltyAfter) {

        public boolean settles() {
            return principalAfter.signum() == 0 && penaltyAfter.signum() == 0;
        }
    }

    public Split split(BigDecimal amount) {
        if (amount.signum() <= 0 || amount.compareTo(outstanding()) > 0) {
            throw new IllegalArgumentException("a repayment of " + amount + " on " + outstanding() + " outstanding");
        }
        BigDecimal penaltyPart = amount.min(penaltyOutstanding()).max(ZERO);
        BigDecimal principalPart = amount.subtract(penaltyPart);
        return new Split(penaltyPart, principalPart, principalOutstanding().subtract(principalPart),
                penaltyOutstanding().subtract(penaltyPart));
    }
}
