package com.bindflow.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.bindflow.shared.DecisionTable;
import com.bindflow.shared.DmnDecisions;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every row of SPEC §4 in processes/payment-limits.dmn, at and just over each boundary, on a bare DMN engine.
 * A row: the payment, the customer's figures, and the reason codes the table must give ('' = within the limits).
 */
class PaymentLimitsTest {

    /** The limits on the file's table, evaluated as production does (DeployedDecisions evaluates the same way). */
    static final PaymentLimits LIMITS = new PaymentLimits(table(DmnDecisions.javaFeelEngine()));
    /** The same table on the engine's default (Scala) FEEL: the file must mean the same to both. */
    static final PaymentLimits ON_SCALA_FEEL = new PaymentLimits(
            table(DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine()));

    static DecisionTable table(DmnEngine dmn) {
        DmnDecision decision;
        try (InputStream in = Files.newInputStream(Path.of("processes/payment-limits.dmn"))) {
            decision = dmn.parseDecision(PaymentLimits.DECISION_ID, in);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return (key, variables) -> dmn.evaluateDecisionTable(decision, variables).getResultList();
    }

    @ParameterizedTest(name = "{0} {1} {2} purpose={3} xb={4} today={5} avail={6} headroom={7} cap={8} → [{9}]")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            // online: ≤ available credit
            "ONLINE        | 15000.00 | MERCHANT |                       | false | 0       | 15000.00 | 20000.00 | null    | ''",
            "ONLINE        | 15000.01 | MERCHANT |                       | false | 0       | 15000.00 | 20000.00 | null    | INSUFFICIENT_AVAILABLE_CREDIT",
            // the WeChat channel's exposure headroom, any scenario
            "ONLINE        | 4000.00  | MERCHANT |                       | false | 0       | 15000.00 | 4000.00  | null    | ''",
            "ONLINE        | 4000.01  | MERCHANT |                       | false | 0       | 15000.00 | 4000.00  | null    | WECHAT_EXPOSURE_LIMIT",
            // offline scan: merchant codes only; ≤ 2000 per Beijing day cumulative
            "OFFLINE_SCAN  | 10.00    | PERSONAL |                       | false | 0       | 15000.00 | 10000.00 | null    | PERSONAL_CODE_NOT_ALLOWED",
            "OFFLINE_SCAN  | 2000.00  | MERCHANT |                       | false | 0       | 15000.00 | 10000.00 | null    | ''",
            "OFFLINE_SCAN  | 2000.01  | MERCHANT |                       | false | 0       | 15000.00 | 10000.00 | null    | OFFLINE_DAILY_LIMIT",
            "OFFLINE_SCAN  | 500.00   | MERCHANT |                       | false | 1500.00 | 15000.00 | 10000.00 | null    | ''",
            "OFFLINE_SCAN  | 500.01   | MERCHANT |                       | false | 1500.00 | 15000.00 | 10000.00 | null    | OFFLINE_DAILY_LIMIT",
            "OFFLINE_SCAN  | 600.00   | PERSONAL |                       | false | 1500.00 | 15000.00 | 10000.00 | null    | PERSONAL_CODE_NOT_ALLOWED,OFFLINE_DAILY_LIMIT",
            // transfer: credit-card repayment only; ≤ 5000 per payment
            "TRANSFER      | 5000.00  | MERCHANT | CREDIT_CARD_REPAYMENT | false | 0       | 15000.00 | 10000.00 | null    | ''",
            "TRANSFER      | 5000.01  | MERCHANT | CREDIT_CARD_REPAYMENT | false | 0       | 15000.00 | 10000.00 | null    | TRANSFER_OVER_LIMIT",
            "TRANSFER      | 100.00   | PERSONAL | GIFT                  | false | 0       | 15000.00 | 10000.00 | null    | TRANSFER_PURPOSE_NOT_ALLOWED",
            "TRANSFER      | 100.00   | PERSONAL | null                  | false | 0       | 15000.00 | 10000.00 | null    | TRANSFER_PURPOSE_NOT_ALLOWED",
            // the daily offline total is for offline scans only
            "TRANSFER      | 100.00   | MERCHANT | CREDIT_CARD_REPAYMENT | false | 1999.00 | 15000.00 | 10000.00 | null    | ''",
            // virtual top-up: under 50
            "VIRTUAL_TOPUP | 49.99    | MERCHANT |                       | false | 0       | 15000.00 | 10000.00 | null    | ''",
            "VIRTUAL_TOPUP | 50.00    | MERCHANT |                       | false | 0       | 15000.00 | 10000.00 | null    | VIRTUAL_TOPUP_OVER_LIMIT",
            // cross-border: the customer's permission
            "CROSS_BORDER  | 300.00   | MERCHANT |                       | true  | 0       | 15000.00 | 10000.00 | null    | ''",
            "CROSS_BORDER  | 300.00   | MERCHANT |                       | false | 0       | 15000.00 | 10000.00 | null    | CROSS_BORDER_NOT_PERMITTED",
            // the customer's own per-transaction cap, every scenario
            "ONLINE        | 800.00   | MERCHANT |                       | false | 0       | 15000.00 | 10000.00 | 800.00  | ''",
            "ONLINE        | 800.01   | MERCHANT |                       | false | 0       | 15000.00 | 10000.00 | 800.00  | OVER_PER_TRANSACTION_CAP",
            "OFFLINE_SCAN  | 800.01   | MERCHANT |                       | false | 0       | 15000.00 | 10000.00 | 800.00  | OVER_PER_TRANSACTION_CAP",
            "VIRTUAL_TOPUP | 30.00    | MERCHANT |                       | false | 0       | 15000.00 | 10000.00 | 20.00   | OVER_PER_TRANSACTION_CAP",
            // available credit binds every scenario, not only online
            "VIRTUAL_TOPUP | 30.00    | MERCHANT |                       | false | 0       | 29.99    | 10000.00 | null    | INSUFFICIENT_AVAILABLE_CREDIT",
    })
    void eachLimitAtAndJustOverItsBoundary(Scenario scenario, BigDecimal amount, PayeeType payee, String purpose,
                                           boolean crossBorder, BigDecimal offlineToday, BigDecimal available,
                                           BigDecimal headroom, BigDecimal cap, String expected) {
        PaymentLimits.Facts facts = new PaymentLimits.Facts(scenario, amount, payee, purpose, crossBorder, offlineToday,
                available, headroom, cap);
        List<String> reasons = LIMITS.violations(facts);
        assertThat(reasons).containsExactlyElementsOf(expected.isEmpty() ? List.of() : Arrays.asList(expected.split(",")));
        assertThat(ON_SCALA_FEEL.violations(facts)).isEqualTo(reasons);
    }
}
