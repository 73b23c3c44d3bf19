package com.bindflow.fees;

import com.bindflow.channel.Channel;
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

        List<BigDecimal> principals = Fen.split(amount, periods);
        List<BigDecimal> charges = new ArrayList<>(periods);
        List<BigDecimal> surcharges = new ArrayList<>(periods);
        BigDecimal owed = amount;
        for (BigDecimal principal : principals) {
            BigDecimal base = method == InterestMethod.PRINCIPAL_BASED ? owed : amount;
            charges.add(Fen.round(base.multiply(rate)));
            surcharges.add(Fen.round(base.multiply(surchargeRate)));
            owed = owed.subtract(principal);
        }
        List<BigDecimal> discounts = couponDiscounts(charges, surcharges, couponShare);
        List<InstallmentQuote.Period> schedule = new ArrayList<>(periods);
        BigDecimal remaining = amount;
        for (int k = 0; k < periods; k++) {
            BigDecimal cost = charges.get(k).add(surcharges.get(k));
            remaining = remaining.subtract(principals.get(k));
            schedule.add(new InstallmentQuote.Period(k + 1, principals.get(k), charges.get(k), surcharges.get(k),
                    discounts.get(k), principals.get(k).add(cost).subtract(discounts.get(k)), remaining));
        }
        InstallmentQuote.Totals totals = totals(schedule);
        return new InstallmentQuote(amount, periods, method, channel, coupon,
                new InstallmentQuote.Rates(Fen.percent(rate), Fen.percent(surchargeRate), Fen.percent(couponShare)),
                List.copyOf(schedule), totals, Fen.percent(rate.add(surchargeRate).multiply(BigDecimal.valueOf(12))),
                AnnualizedRate.ofMonthlyPayments(amount, schedule.stream().map(InstallmentQuote.Period::payment).toList()));
    }

    /**
     * The coupon pays its share of the whole cost, HALF_UP to the fen; each period its share of that period's cost,
     * HALF_UP, and the fen the per-period rounding lost or gained are settled from the last period backwards (as the
     * last period absorbs principal), never taking a period's discount below 0 or above its cost.
     */
    static List<BigDecimal> couponDiscounts(List<BigDecimal> charges, List<BigDecimal> surcharges, BigDecimal share) {
        int n = charges.size();
        List<BigDecimal> costs = new ArrayList<>(n);
        List<BigDecimal> discounts = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            BigDecimal cost = charges.get(k).add(surcharges.get(k));
            costs.add(cost);
            discounts.add(Fen.round(cost.multiply(share)));
        }
        BigDecimal difference = Fen.round(Fen.sum(costs).multiply(share)).subtract(Fen.sum(discounts));
        BigDecimal step = new BigDecimal("0.01").multiply(BigDecimal.valueOf(difference.signum()));
        for (int k = n - 1, untouched = 0; difference.signum() != 0 && untouched < n; k = (k + n - 1) % n) {
            BigDecimal moved = discounts.get(k).add(step);
            if (moved.signum() >= 0 && moved.compareTo(costs.get(k)) <= 0) {
                discounts.set(k, moved);
                difference = difference.subtract(step);
                untouched = 0;
            } else {
                untouched++;
            }
        }
        return discounts;
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
