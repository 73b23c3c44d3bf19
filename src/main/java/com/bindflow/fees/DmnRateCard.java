package com.bindflow.fees;

import com.bindflow.channel.Channel;
import com.bindflow.shared.DecisionTable;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rate card of {@code processes/fee-rate-card.dmn}: four decision tables, hit policy UNIQUE, rates in percent.
 * The table's outputs are DMN doubles; each is read back through its shortest decimal text (1.30 → 0.0130 exactly,
 * the number's toString), so no binary rounding reaches a quote at these few decimals.
 */
public final class DmnRateCard implements RateCard {

    public static final String RESOURCE = "processes/fee-rate-card.dmn";
    public static final String INSTALLMENT_RATE = "installmentRate";
    public static final String INSTALLMENT_SURCHARGE = "installmentSurcharge";
    public static final String INSTALLMENT_COUPON = "installmentCoupon";
    public static final String DAILY_FEES = "dailyFees";

    private final DecisionTable table;

    public DmnRateCard(DecisionTable table) {
        this.table = table;
    }

    @Override
    public Optional<BigDecimal> installmentRate(int periods, InterestMethod method) {
        return row(INSTALLMENT_RATE, Map.of("periods", periods, "method", method.name()))
                .map(row -> fraction(row, "periodRatePercent"));
    }

    @Override
    public BigDecimal installmentSurcharge(Channel channel) {
        return fraction(required(INSTALLMENT_SURCHARGE, Map.of("channel", channel.name())), "surchargePercent");
    }

    @Override
    public Optional<BigDecimal> couponShare(Coupon coupon, Channel channel) {
        return row(INSTALLMENT_COUPON, Map.of("coupon", coupon.name(), "channel", channel.name()))
                .map(row -> fraction(row, "coveredPercent"));
    }

    @Override
    public DailyFee cashWithdrawal(Channel channel) {
        Map<String, Object> row = required(DAILY_FEES, dailyFeeInputs("CASH_WITHDRAWAL", channel));
        return new DailyFee(fraction(row, "dailyPercent"), fraction(row, "serviceFeePercent"));
    }

    @Override
    public BigDecimal overduePenaltyPerDay() {
        return fraction(required(DAILY_FEES, dailyFeeInputs("OVERDUE_PENALTY", null)), "dailyPercent");
    }

    private static Map<String, Object> dailyFeeInputs(String fee, Channel channel) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("fee", fee);
        inputs.put("channel", channel == null ? null : channel.name());
        return inputs;
    }

    private Optional<Map<String, Object>> row(String decision, Map<String, Object> inputs) {
        List<Map<String, Object>> rows = table.evaluate(decision, inputs);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private Map<String, Object> required(String decision, Map<String, Object> inputs) {
        return row(decision, inputs).orElseThrow(() ->
                new IllegalStateException("the rate card " + RESOURCE + " has no row of " + decision + " for " + inputs));
    }

    private static BigDecimal fraction(Map<String, Object> row, String output) {
        if (!(row.get(output) instanceof Number number)) {
            throw new IllegalStateException("the rate card's " + output + " is not a number: " + row.get(output));
        }
        BigDecimal percent = new BigDecimal(number.toString());
        if (percent.signum() < 0) {
            throw new IllegalStateException("the rate card's " + output + " is negative: " + percent);
        }
        return percent.movePointLeft(2);
    }
}
