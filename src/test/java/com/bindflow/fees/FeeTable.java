package com.bindflow.fees;

import com.bindflow.channel.Channel;
import java.math.BigDecimal;
import java.util.List;

/**
 * The README's fee tables, computed with the default rate card (processes/fee-rate-card.dmn). {@link FeeTableTest}
 * writes them to target/fee-table.md and fails while the README shows anything else:
 * {@code ./mvnw -q test -Dtest=FeeTableTest}.
 */
final class FeeTable {

    static final BigDecimal AMOUNT = new BigDecimal("1000.00");

    private FeeTable() {
    }

    static String markdown(RateCard card) {
        StringBuilder md = new StringBuilder();
        md.append("Installments of ").append(AMOUNT.toPlainString()).append(" CNY:\n\n")
                .append("| periods | method | channel | coupon | payment 1 | last payment | interest or fee | surcharge "
                        + "| coupon pays | total cost | nominal | APR (IRR × 12) | effective |\n")
                .append("|---:|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        InstallmentPlans plans = new InstallmentPlans(card);
        for (int periods : new int[] {3, 6, 9, 12, 24}) {
            for (InterestMethod method : InterestMethod.values()) {
                for (Object[] variant : List.of(new Object[] {Channel.JD_APP, Coupon.NONE},
                        new Object[] {Channel.WECHAT, Coupon.NONE}, new Object[] {Channel.WECHAT, Coupon.WECHAT_POINTS})) {
                    InstallmentQuote q = plans.quote(new InstallmentRequest(AMOUNT, periods, method,
                            (Channel) variant[0], (Coupon) variant[1]));
                    InstallmentQuote.Totals t = q.totals();
                    md.append(row(periods, method, q.channel(), q.coupon(), q.schedule().get(0).payment(),
                            q.schedule().get(periods - 1).payment(), t.interestOrFee(), t.surcharge(), t.couponDiscount(),
                            t.cost(), percent(q.nominalAnnualRatePercent()), percent(q.annualizedRate().aprPercent()),
                            percent(q.annualizedRate().effectivePercent())));
                }
            }
        }
        md.append("\nCash withdrawal of ").append(AMOUNT.toPlainString()).append(" CNY for 30 days, overdue penalty on ")
                .append(AMOUNT.toPlainString()).append(" CNY for 30 days:\n\n")
                .append("| fee | channel | per day | days | interest or penalty | service fee | total cost | nominal | APR |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        CashWithdrawals withdrawals = new CashWithdrawals(card);
        for (Channel channel : Channel.values()) {
            WithdrawalQuote w = withdrawals.quote(AMOUNT, 30L, channel);
            md.append(row("cash withdrawal", channel, w.interestPerDay(), w.days(), w.interest(), w.serviceFee(),
                    w.totalCost(), percent(w.nominalAnnualRatePercent()), percent(w.annualizedRatePercent())));
        }
        OverduePenalty p = new OverduePenalties(card).penaltyForDays(AMOUNT, 30L);
        md.append(row("overdue penalty", "any", p.dailyPenalty(), p.days(), p.penalty(), "–", p.penalty(), "–", "–"));
        return md.toString();
    }

    private static String percent(BigDecimal percent) {
        return percent.toPlainString() + " %";
    }

    private static String row(Object... cells) {
        StringBuilder row = new StringBuilder("|");
        for (Object cell : cells) {
            row.append(' ').append(cell instanceof BigDecimal d ? d.toPlainString() : String.valueOf(cell)).append(" |");
        }
        return row.append('\n').toString();
    }

    public static void main(String[] args) {
        System.out.print(markdown(DefaultRateCard.CARD));
    }
}
