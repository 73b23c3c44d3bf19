package com.bindflow.fees;

import com.bindflow.channel.Channel;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.assertj.core.api.Assertions;

/** Properties of every quote: exact sums, a schedule that ends at zero, rates that move the right way. */
class InstallmentPropertiesTest {

    private static final InstallmentPlans DEFAULT = new InstallmentPlans(DefaultRateCard.CARD);

    /** Any plan the default card offers: amounts from the minimum (1.00 a period) up, every term, method, channel, coupon. */
    @Provide
    Arbitrary<InstallmentRequest> requests() {
        Arbitrary<Integer> periods = Arbitraries.of(3, 6, 9, 12, 24);
        return periods.flatMap(n -> Combinators.combine(
                Arbitraries.oneOf(
                        Arbitraries.bigDecimals().between(BigDecimal.valueOf(n), BigDecimal.valueOf(100)).ofScale(2),
                        Arbitraries.bigDecimals().between(BigDecimal.valueOf(n), new BigDecimal("1000000")).ofScale(2)),
                Arbitraries.of(InterestMethod.class),
                Arbitraries.of(Channel.class)).flatAs((amount, method, channel) ->
                Arbitraries.of(channel == Channel.WECHAT ? List.of(Coupon.NONE, Coupon.WECHAT_POINTS) : List.of(Coupon.NONE))
                        .map(coupon -> new InstallmentRequest(amount, n, method, channel, coupon))));
    }

    @Property(tries = 500)
    void principalPartsSumToThePrincipalAndTheRemainingEndsAtZero(@ForAll("requests") InstallmentRequest request) {
        InstallmentQuote q = DEFAULT.quote(request);
        Assertions.assertThat(q.schedule()).hasSize(request.periods());
        Assertions.assertThat(Fen.sum(q.schedule().stream().map(InstallmentQuote.Period::principal).toList()))
                .isEqualByComparingTo(request.amount());
        BigDecimal owed = request.amount();
        for (InstallmentQuote.Period period : q.schedule()) {
            Assertions.assertThat(period.principal()).isPositive();
            owed = owed.subtract(period.principal());
            Assertions.assertThat(period.remaining()).isEqualByComparingTo(owed).isNotNegative();
        }
        Assertions.assertThat(q.schedule().get(q.schedule().size() - 1).remaining()).isZero();
    }

    @Property(tries = 500)
    void paymentsSumToTheTotalsAndEachPaymentIsItsParts(@ForAll("requests") InstallmentRequest request) {
        InstallmentQuote q = DEFAULT.quote(request);
        for (InstallmentQuote.Period p : q.schedule()) {
            Assertions.assertThat(p.payment()).isEqualByComparingTo(
                    p.principal().add(p.interestOrFee()).add(p.surcharge()).subtract(p.couponDiscount()));
            Assertions.assertThat(p.couponDiscount()).isNotNegative().isLessThanOrEqualTo(p.interestOrFee().add(p.surcharge()));
            Assertions.assertThat(p.payment().scale()).isEqualTo(2);
        }
        InstallmentQuote.Totals t = q.totals();
        Assertions.assertThat(Fen.sum(q.schedule().stream().map(InstallmentQuote.Period::payment).toList()))
                .isEqualByComparingTo(t.payment());
        Assertions.assertThat(t.payment()).isEqualByComparingTo(t.principal().add(t.cost()));
        Assertions.assertThat(t.cost()).isEqualByComparingTo(t.interestOrFee().add(t.surcharge()).subtract(t.couponDiscount()));
    }

    @Property(tries = 500)
    void theCouponPaysExactlyItsShareOfTheWholeCost(@ForAll("requests") InstallmentRequest request) {
        InstallmentQuote q = DEFAULT.quote(request);
        BigDecimal share = q.rates().couponCoveredPercent().movePointLeft(2);
        InstallmentQuote.Totals t = q.totals();
        Assertions.assertThat(t.couponDiscount()).isEqualByComparingTo(
                t.interestOrFee().add(t.surcharge()).multiply(share).setScale(2, java.math.RoundingMode.HALF_UP));
    }

    @Property(tries = 300)
    void theAnnualizedRateDiscountsThePaymentsToThePrincipal(@ForAll("requests") InstallmentRequest request) {
        InstallmentQuote q = DEFAULT.quote(request);
        BigDecimal pv = AnnualizedRate.presentValue(q.schedule().stream().map(InstallmentQuote.Period::payment).toList(),
                q.annualizedRate().periodicRate());
        // r is kept to 12 decimals: the present value is the principal to within a millionth of it
        Assertions.assertThat(pv.subtract(request.amount()).abs()).isLessThan(request.amount().movePointLeft(6));
    }

    @Property(tries = 300)
    void theAnnualizedRateRisesWithTheFeeRate(@ForAll @BigRange(min = "0", max = "0.05") @Scale(4) BigDecimal lower,
                                              @ForAll @BigRange(min = "0.0001", max = "0.05") @Scale(4) BigDecimal step,
                                              @ForAll("requests") InstallmentRequest request) {
        InstallmentQuote cheaper = new InstallmentPlans(FixedRateCard.installment(lower.toPlainString())).quote(request);
        InstallmentQuote dearer = new InstallmentPlans(FixedRateCard.installment(lower.add(step).toPlainString())).quote(request);
        Assertions.assertThat(dearer.totals().cost()).isGreaterThanOrEqualTo(cheaper.totals().cost());
        Assertions.assertThat(dearer.annualizedRate().periodicRate()).isGreaterThanOrEqualTo(cheaper.annualizedRate().periodicRate());
        Assertions.assertThat(dearer.annualizedRate().aprPercent()).isGreaterThanOrEqualTo(cheaper.annualizedRate().aprPercent());
        if (dearer.totals().cost().compareTo(cheaper.totals().cost()) > 0) {
            Assertions.assertThat(dearer.annualizedRate().periodicRate()).isGreaterThan(cheaper.annualizedRate().periodicRate());
        }
    }

    @Property(tries = 300)
    void wechatCostsAtLeastTheJdAppAndTheCouponNeverMore(@ForAll("requests") InstallmentRequest request) {
        InstallmentQuote jdApp = DEFAULT.quote(new InstallmentRequest(request.amount(), request.periods(), request.method(),
                Channel.JD_APP, Coupon.NONE));
        InstallmentQuote wechat = DEFAULT.quote(new InstallmentRequest(request.amount(), request.periods(), request.method(),
                Channel.WECHAT, Coupon.NONE));
        InstallmentQuote withCoupon = DEFAULT.quote(new InstallmentRequest(request.amount(), request.periods(), request.method(),
                Channel.WECHAT, Coupon.WECHAT_POINTS));
        Assertions.assertThat(wechat.totals().cost()).isGreaterThanOrEqualTo(jdApp.totals().cost());
        Assertions.assertThat(withCoupon.totals().cost()).isLessThanOrEqualTo(wechat.totals().cost());
    }

    @Property(tries = 300)
    void penaltiesAddUpDayByDay(@ForAll @BigRange(min = "0.01", max = "1000000") @Scale(2) BigDecimal amount,
                                @ForAll @IntRange(max = 400) int firstDays, @ForAll @IntRange(max = 400) int moreDays) {
        OverduePenalties penalties = new OverduePenalties(DefaultRateCard.CARD);
        LocalDate due = LocalDate.of(2026, 1, 31);
        BigDecimal whole = penalties.penaltyFor(amount, due, due.plusDays(firstDays + moreDays)).penalty();
        BigDecimal inParts = penalties.penaltyFor(amount, due, due.plusDays(firstDays)).penalty()
                .add(penalties.penaltyForDays(amount, (long) moreDays).penalty());
        Assertions.assertThat(whole).isEqualByComparingTo(inParts)
                .isEqualByComparingTo(penalties.dailyPenalty(amount).multiply(BigDecimal.valueOf(firstDays + moreDays)));
    }
}
