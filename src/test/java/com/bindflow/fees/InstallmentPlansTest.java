package com.bindflow.fees;

import static com.bindflow.channel.Channel.JD_APP;
import static com.bindflow.channel.Channel.WECHAT;
import static com.bindflow.fees.InterestMethod.FULL_AMOUNT;
import static com.bindflow.fees.InterestMethod.PRINCIPAL_BASED;

import com.bindflow.channel.Channel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Installment quotes with figures checked by hand (the arithmetic is in each comment). */
class InstallmentPlansTest {

    private static final InstallmentPlans DEFAULT = new InstallmentPlans(DefaultRateCard.CARD);

    private static InstallmentQuote quote(InstallmentPlans plans, String amount, int periods, InterestMethod method,
                                          Channel channel, Coupon coupon) {
        return plans.quote(new InstallmentRequest(new BigDecimal(amount), periods, method, channel, coupon));
    }

    private static void column(InstallmentQuote quote, Function<InstallmentQuote.Period, BigDecimal> column, String... expected) {
        Assertions.assertThat(quote.schedule().stream().map(column).map(BigDecimal::toPlainString).toList())
                .containsExactly(expected);
    }

    private static BigDecimal oneDecimal(BigDecimal percent) {
        return percent.setScale(1, RoundingMode.HALF_UP);
    }

    @Test
    void specWorkedReferenceFullAmountHalfAPercentOn1000Over3Periods() {
        // SPEC §6: fee 1000 x 0.5 % = 5.00 every period; principal 1000/3 = 333.33, 333.33, last 1000 - 666.66 = 333.34
        InstallmentQuote q = quote(new InstallmentPlans(FixedRateCard.installment("0.005")), "1000", 3, FULL_AMOUNT, JD_APP, Coupon.NONE);
        column(q, InstallmentQuote.Period::principal, "333.33", "333.33", "333.34");
        column(q, InstallmentQuote.Period::interestOrFee, "5.00", "5.00", "5.00");
        column(q, InstallmentQuote.Period::payment, "338.33", "338.33", "338.34");
        column(q, InstallmentQuote.Period::remaining, "666.67", "333.34", "0.00");
        Assertions.assertThat(q.totals().cost()).isEqualByComparingTo("15.00");
        Assertions.assertThat(q.totals().payment()).isEqualByComparingTo("1015.00");
        Assertions.assertThat(q.nominalAnnualRatePercent()).isEqualByComparingTo("6.00"); // 0.5 % x 12
        // IRR of 338.33, 338.33, 338.34 on 1000: r = 0.7481 % a month; x 12 = 8.98 %; (1 + r)^12 - 1 = 9.36 %
        Assertions.assertThat(q.annualizedRate().aprPercent()).isEqualByComparingTo("8.98");
        Assertions.assertThat(q.annualizedRate().effectivePercent()).isEqualByComparingTo("9.36");
    }

    @Test
    void seedCompositeRate15point6ForThreePeriodsFullAmountOnTheDefaultCard() {
        // card: 0.87 % of 1000 = 8.70 every period; payments 342.03, 342.03, 342.04; IRR r = 1.2994 % → 15.59 % ≈ 15.6 %
        InstallmentQuote q = quote(DEFAULT, "1000", 3, FULL_AMOUNT, JD_APP, Coupon.NONE);
        Assertions.assertThat(q.rates().periodRatePercent()).isEqualByComparingTo("0.87");
        column(q, InstallmentQuote.Period::interestOrFee, "8.70", "8.70", "8.70");
        column(q, InstallmentQuote.Period::payment, "342.03", "342.03", "342.04");
        Assertions.assertThat(q.totals().cost()).isEqualByComparingTo("26.10");
        Assertions.assertThat(q.nominalAnnualRatePercent()).isEqualByComparingTo("10.44"); // the flat fee looks cheaper
        Assertions.assertThat(q.annualizedRate().aprPercent()).isEqualByComparingTo("15.59");
        Assertions.assertThat(oneDecimal(q.annualizedRate().aprPercent())).isEqualByComparingTo("15.6");
    }

    @Test
    void seedCompositeRate15point6ForThreePeriodsPrincipalBasedOnTheDefaultCard() {
        // 1.30 % on what is owed: 1000 x 1.3 % = 13.00; 666.67 x 1.3 % = 8.66671 → 8.67; 333.34 x 1.3 % = 4.33342 → 4.33
        InstallmentQuote q = quote(DEFAULT, "1000", 3, PRINCIPAL_BASED, JD_APP, Coupon.NONE);
        column(q, InstallmentQuote.Period::interestOrFee, "13.00", "8.67", "4.33");
        column(q, InstallmentQuote.Period::payment, "346.33", "342.00", "337.67");
        Assertions.assertThat(q.totals().cost()).isEqualByComparingTo("26.00");
        // interest on the remaining principal: the IRR is the rate itself, 1.30 % x 12 = 15.60 % (nominal = annualized)
        Assertions.assertThat(q.nominalAnnualRatePercent()).isEqualByComparingTo("15.60");
        Assertions.assertThat(q.annualizedRate().aprPercent()).isEqualByComparingTo("15.60");
        Assertions.assertThat(oneDecimal(q.annualizedRate().aprPercent())).isEqualByComparingTo("15.6");
    }

    @Test
    void threePeriodsIsTheCheapestFullAmountPlanAndEveryJdAppPlanIsInTheSeedsBand() {
        // seed: "选择3期分期可降低综合费率至15.6%" and Baitiao's standard rates are 12 %-24 % a year
        List<BigDecimal> aprs = Arrays.stream(new int[] {3, 6, 9, 12, 24})
                .mapToObj(n -> quote(DEFAULT, "10000", n, FULL_AMOUNT, JD_APP, Coupon.NONE).annualizedRate().aprPercent())
                .toList();
        Assertions.assertThat(aprs).isSorted();
        Assertions.assertThat(aprs.get(0)).isLessThan(aprs.get(1));
        for (int n : new int[] {3, 6, 9, 12, 24}) {
            for (InterestMethod method : InterestMethod.values()) {
                Assertions.assertThat(quote(DEFAULT, "10000", n, method, JD_APP, Coupon.NONE).annualizedRate().aprPercent())
                        .as(n + " " + method).isBetween(new BigDecimal("12"), new BigDecimal("24"));
            }
        }
    }

    @Test
    void wechatSurchargeOnTheOriginalPrincipalForFullAmount() {
        // 8.70 fee + 1000 x 0.5 % = 5.00 surcharge every period: payments 333.33 + 13.70 = 347.03, 347.03, 347.04
        InstallmentQuote q = quote(DEFAULT, "1000", 3, FULL_AMOUNT, WECHAT, Coupon.NONE);
        column(q, InstallmentQuote.Period::surcharge, "5.00", "5.00", "5.00");
        column(q, InstallmentQuote.Period::payment, "347.03", "347.03", "347.04");
        Assertions.assertThat(q.totals().surcharge()).isEqualByComparingTo("15.00");
        Assertions.assertThat(q.totals().cost()).isEqualByComparingTo("41.10");
        Assertions.assertThat(q.nominalAnnualRatePercent()).isEqualByComparingTo("16.44"); // (0.87 + 0.5) x 12
        Assertions.assertThat(q.annualizedRate().aprPercent()).isEqualByComparingTo("24.49");
    }

    @Test
    void wechatSurchargeOnTheRemainingPrincipalForPrincipalBased() {
        // surcharge 0.5 % of 1000, 666.67, 333.34 = 5.00, 3.33335 → 3.33, 1.6667 → 1.67
        InstallmentQuote q = quote(DEFAULT, "1000", 3, PRINCIPAL_BASED, WECHAT, Coupon.NONE);
        column(q, InstallmentQuote.Period::surcharge, "5.00", "3.33", "1.67");
        column(q, InstallmentQuote.Period::payment, "351.33", "345.33", "339.34");
        Assertions.assertThat(q.totals().cost()).isEqualByComparingTo("36.00");
        // 1.8 % a month on what is owed: 21.60 %
        Assertions.assertThat(q.annualizedRate().aprPercent()).isEqualByComparingTo("21.60");
    }

    @Test
    void wechatPointsCouponCovers80PercentOfEachPeriodsInterestAndSurcharge() {
        // costs 18.00, 12.00, 6.00 (previous test); coupon 80 %: 14.40, 9.60, 4.80; the customer pays 20 %: 7.20 in all
        InstallmentQuote q = quote(DEFAULT, "1000", 3, PRINCIPAL_BASED, WECHAT, Coupon.WECHAT_POINTS);
        column(q, InstallmentQuote.Period::couponDiscount, "14.40", "9.60", "4.80");
        column(q, InstallmentQuote.Period::payment, "336.93", "335.73", "334.54");
        Assertions.assertThat(q.totals().couponDiscount()).isEqualByComparingTo("28.80");
        Assertions.assertThat(q.totals().cost()).isEqualByComparingTo("7.20");
        Assertions.assertThat(q.totals().payment()).isEqualByComparingTo("1007.20");
        Assertions.assertThat(q.rates().couponCoveredPercent()).isEqualByComparingTo("80");
        Assertions.assertThat(q.annualizedRate().aprPercent()).isEqualByComparingTo("4.32");
    }

    @Test
    void couponOnAFullAmountPlanRoundsEachPeriod() {
        // 8.70 + 5.00 = 13.70 a period; 80 % = 10.96; payments 333.33 + 13.70 - 10.96 = 336.07, 336.07, 336.08
        InstallmentQuote q = quote(DEFAULT, "1000", 3, FULL_AMOUNT, WECHAT, Coupon.WECHAT_POINTS);
        column(q, InstallmentQuote.Period::couponDiscount, "10.96", "10.96", "10.96");
        column(q, InstallmentQuote.Period::payment, "336.07", "336.07", "336.08");
        Assertions.assertThat(q.totals().cost()).isEqualByComparingTo("8.22"); // 41.10 - 32.88
    }

    @Test
    void lastPeriodAbsorbsTheRemainderWhenItIsSmaller() {
        // 2000 / 3 = 666.666… → 666.67, 666.67, last 2000 - 1333.34 = 666.66
        InstallmentQuote q = quote(DEFAULT, "2000", 3, FULL_AMOUNT, JD_APP, null);
        column(q, InstallmentQuote.Period::principal, "666.67", "666.67", "666.66");
        column(q, InstallmentQuote.Period::remaining, "1333.33", "666.66", "0.00");
        Assertions.assertThat(q.coupon()).isEqualTo(Coupon.NONE);
    }

    @Test
    void twelvePeriodsPrincipalBased() {
        // 1200 / 12 = 100.00 a period; interest 1.3 % of 1200, 1100, …, 100 = 15.60, 14.30, …, 1.30 → 1.3 % x 7800 = 101.40
        InstallmentQuote q = quote(DEFAULT, "1200", 12, PRINCIPAL_BASED, JD_APP, Coupon.NONE);
        column(q, InstallmentQuote.Period::interestOrFee,
                "15.60", "14.30", "13.00", "11.70", "10.40", "9.10", "7.80", "6.50", "5.20", "3.90", "2.60", "1.30");
        Assertions.assertThat(q.totals().interestOrFee()).isEqualByComparingTo("101.40");
        Assertions.assertThat(q.annualizedRate().aprPercent()).isEqualByComparingTo("15.60");
    }

    @ParameterizedTest(name = "{0} → 400 on {1}")
    @CsvSource(delimiter = '|', value = {
            "0|amount", "-5|amount", "10.001|amount", "100000000.01|amount", "2.99|amount",
    })
    void refusesBadAmounts(String amount, String field) {
        Assertions.assertThatThrownBy(() -> quote(DEFAULT, amount, 3, FULL_AMOUNT, JD_APP, Coupon.NONE))
                .isInstanceOfSatisfying(FeeInputException.class, e -> Assertions.assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void refusesTermsTheCardDoesNotOfferMissingFieldsAndCouponsOffTheirChannel() {
        for (int periods : new int[] {0, -3, 4, 36}) {
            assertRefused(new InstallmentRequest(new BigDecimal("1000"), periods, FULL_AMOUNT, JD_APP, null), "periods");
        }
        assertRefused(new InstallmentRequest(null, 3, FULL_AMOUNT, JD_APP, null), "amount");
        assertRefused(new InstallmentRequest(new BigDecimal("1000"), null, FULL_AMOUNT, JD_APP, null), "periods");
        assertRefused(new InstallmentRequest(new BigDecimal("1000"), 3, null, JD_APP, null), "method");
        assertRefused(new InstallmentRequest(new BigDecimal("1000"), 3, FULL_AMOUNT, null, null), "channel");
        assertRefused(new InstallmentRequest(new BigDecimal("1000"), 3, FULL_AMOUNT, JD_APP, Coupon.WECHAT_POINTS), "coupon");
    }

    private static void assertRefused(InstallmentRequest request, String field) {
        Assertions.assertThatThrownBy(() -> DEFAULT.quote(request))
                .isInstanceOfSatisfying(FeeInputException.class, e -> Assertions.assertThat(e.field()).isEqualTo(field));
    }
}
