package com.bindflow.payment;

import com.bindflow.shared.DecisionTable;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The scenario limits of SPEC §4, decided by the table {@code paymentLimits} (processes/payment-limits.dmn). */
public class PaymentLimits {

    public static final String DECISION_ID = "paymentLimits";

    private final DecisionTable table;

    public PaymentLimits(DecisionTable table) {
        this.table = table;
    }

    /**
     * What a limit decision looks at (yuan).
     *
     * @param offlineApprovedToday approved, not reversed offline scans of the payment's Beijing day, this one not included
     * @param exposureHeadroom     the WeChat exposure limit minus the customer's current WeChat exposure
     * @param perTransactionCap    the customer's own cap, null when none
     */
    public record Facts(Scenario scenario, BigDecimal amount, PayeeType payeeType, String purpose,
                        boolean crossBorderPermission, BigDecimal offlineApprovedToday, BigDecimal availableCredit,
                        BigDecimal exposureHeadroom, BigDecimal perTransactionCap) {

        Map<String, Object> asVariables() {
            Map<String, Object> v = new HashMap<>();
            v.put("scenario", scenario.name());
            v.put("amount", amount);
            v.put("payeeType", payeeType.name());
            v.put("purpose", purpose == null ? "" : purpose);
            v.put("crossBorderPermission", crossBorderPermission);
            v.put("offlineApprovedToday", offlineApprovedToday);
            v.put("availableCredit", availableCredit);
            v.put("wechatExposureHeadroom", exposureHeadroom);
            v.put("perTransactionCap", perTransactionCap);
            return v;
        }
    }

    /** The reason codes of every limit the payment would break, in the table's order; empty when within all. */
    public List<String> violations(Facts facts) {
        return table.evaluate(DECISION_ID, facts.asVariables()).stream()
                .map(row -> (String) row.get("reasonCode")).toList();
    }
}
