package com.bindflow.fees;

import com.bindflow.channel.Channel;
import java.math.BigDecimal;

/** Prices cash withdrawals (SPEC.md §6): 0.05 % a day, plus a one-off 0.1 % service fee on the WeChat channel. */
public class CashWithdrawals {

    private final RateCard card;

    public CashWithdrawals(RateCard card) {
        this.card = card;
    }

    public WithdrawalQuote quote(BigDecimal amount, Long days, Channel channel) {
        BigDecimal principal = Fen.requireAmount("amount", amount);
        long term = DailyAccrual.requireDays("days", days, 1);
        FeeInputException.required("channel", channel);
        RateCard.DailyFee fee = card.cashWithdrawal(channel);
        DailyAccrual interest = DailyAccrual.of(principal, fee.dailyRate(), term);
        BigDecimal serviceFee = Fen.round(principal.multiply(fee.serviceFeeRate()));
        BigDecimal cost = interest.total().add(serviceFee);
        BigDecimal repayment = principal.add(cost);
        return new WithdrawalQuote(principal, term, channel, Fen.percent(fee.dailyRate()), Fen.percent(fee.serviceFeeRate()),
                interest.perDay(), interest.total(), serviceFee, cost, repayment,
                Fen.percent(fee.dailyRate().multiply(AnnualizedRate.DAYS_A_YEAR)),
                AnnualizedRate.aprPercentOfOneRepayment(principal, repayment, term));
    }
}
