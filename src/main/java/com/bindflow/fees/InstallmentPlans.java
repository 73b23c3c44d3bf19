package com.bindflow.fees;

import com.bindflow.binding.Channel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Prices installment plans (SPEC.md §6) with a rate card. Plain Java, no state: the same request and card always give
 * the same quote.
 * <ul>
 * <li>Principal: repaid in equal monthly parts, HALF_UP to the fen, the last part absorbing the remainder.</li>
 * <li>Interest or fee of period k: rate × base, HALF_UP to the fen, where the base is the principal owed at the start
 *     of the period (PRINCIPAL_BASED) or the original principal (FULL_AMOUNT: the same fee every period).</li>
 * <li>Surcharge: the channel's rate × the same base, rounded the same way.</li>
 * <li>Coupon discount: the coupon's share × (interest or fee + surcharge) of the period, HALF_UP: never more than
 *     the period's cost.</li>
 * </ul>
 */
public class InstallmentPlans {

    /** Each period repays at least this much principal: keeps the rounding rule exact (no negative last part). */
    public static final BigDecimal MIN_PRINCIPAL_PER_PERIOD = new BigDecimal("1.00");

    private final RateCard card;

    public InstallmentPlans(RateCard card) {
        this.card = card;
    }

    public InstallmentQuote quote(InstallmentRequest request) {
        BigDecimal amount = Fen.requireAmount("amount", request.amount());
        int periods = FeeInputException.required("periods", request.periods());
        InterestMethod method = FeeInputException.required("method", request.method());
        Channel channel = FeeInputException.required("channel", request.channel());
        Coupon coupon = request.coupon() == null ? Coupon.NONE : request.coupon();
        BigDecimal rate = card.installmentRate(periods, method).orElseThrow(() -> new FeeInputException("periods",
                "The rate card offers no " + method + " plan of " + periods + " periods."));
        BigDecimal minimum = MIN_PRINCIPAL_PER_PERIOD.multiply(BigDecimal.valueOf(periods));
        if (amount.compareTo(minimum) < 0) {
            throw new FeeInputException("amount", "A plan of " + periods + " periods needs an amount of at least "
                    + minimum.toPlainString() + " (" + MIN_PRINCIPAL_PER_PERIOD.toPlainString() + " a period).");
        }
        BigDecimal surchargeRate = card.installmentSurcharge(channel);
        BigDecimal couponShare = card.couponShare(coupon, channel).orElseThrow(() -> new FeeInputException("coupon",
                coupon + " coupons are not valid on the " + channel + " channel."));

        List<InstallmentQuote.Period> schedule = new ArrayList<>(periods);
        BigDecimal remaining = amount;
        int k = 0;
        for (BigDecimal principal : Fen.split(amount, periods)) {
            BigDecimal base = method == InterestMethod.PRINCIPAL_BASED ? remaining : amount;
            BigDecimal charge = Fen.round(base.multiply(rate));
            BigDecimal surcharge = Fen.round(base.multiply(surchargeRate));
            BigDecimal discount = Fen.round(charge.add(surcharge).multiply(couponShare));
            remaining = remaining.subtract(principal);
            schedule.add(new InstallmentQuote.Period(++k, principal, charge, surcharge, discount,
                    principal.add(charge).add(surcharge).subtract(discount), remaining));
        }
        InstallmentQuote.Totals totals = totals(schedule);
        return new InstallmentQuote(amount, periods, method, channel, coupon,
                new InstallmentQuote.Rates(Fen.percent(rate), Fen.percent(surchargeRate), Fen.percent(couponShare)),
                List.copyOf(schedule), totals, Fen.percent(rate.add(surchargeRate).multiply(BigDecimal.valueOf(12))),
                AnnualizedRate.ofMonthlyPayments(amount, schedule.stream().map(InstallmentQuote.Period::payment).toList()));
    }

    private static InstallmentQuote.Totals totals(List<InstallmentQuote.Period> schedule) {
        BigDecimal charge = Fen.sum(schedule.stream().map(InstallmentQuote.Period::interestOrFee).toList());
        BigDecimal surcharge = Fen.sum(schedule.stream().map(InstallmentQuote.Period::surcharge).toList());
        BigDecimal discount = Fen.sum(schedule.stream().map(InstallmentQuote.Period::couponDiscount).toList());
        return new InstallmentQuote.Totals(Fen.sum(schedule.stream().map(InstallmentQuote.Period::principal).toList()),
                charge, surcharge, discount, charge.add(surcharge).subtract(discount),
                Fen.sum(schedule.stream().map(InstallmentQuote.Period::payment).toList()));
    }
}
