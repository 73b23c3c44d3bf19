package com.bindflow.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SPEC §4 through the API: every row at and just over its boundary, for a customer whose binding became ACTIVE a
 * day before (so the new-binding and burst layers are out of the way) at 11:00 Beijing time. demo-ok: available
 * 15000, WeChat exposure limit 10000; demo-crossborder: available 6000, with the cross-border permission.
 */
class PaymentScenarioLimitsApiTest extends PaymentTestSupport {

    private void activeForADay(String userId, BigDecimal cap) {
        activeBinding(userId, cap);
        advance(Duration.ofHours(25));
    }

    @ParameterizedTest(name = "{0} cap={1} {2} {3} {4} purpose={5} → {6} {7}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            // online ≤ available credit (6000): the whole of it is a step-up (near the limit), one fen more is refused
            "demo-crossborder | null   | ONLINE        | 6000.00  | MERCHANT | null                  | STEP_UP_REQUIRED | AMOUNT_NEAR_CREDIT_LIMIT",
            "demo-crossborder | null   | ONLINE        | 6000.01  | MERCHANT | null                  | DECLINED         | INSUFFICIENT_AVAILABLE_CREDIT",
            // the WeChat exposure limit (10000) is below demo-ok's available credit (15000)
            "demo-ok          | null   | ONLINE        | 10000.01 | MERCHANT | null                  | DECLINED         | WECHAT_EXPOSURE_LIMIT",
            "demo-ok          | null   | ONLINE        | 8999.99  | MERCHANT | null                  | APPROVED         | ''",
            // offline scan: merchant codes only, ≤ 2000 a day
            "demo-ok          | null   | OFFLINE_SCAN  | 2000.00  | MERCHANT | null                  | APPROVED         | ''",
            "demo-ok          | null   | OFFLINE_SCAN  | 2000.01  | MERCHANT | null                  | DECLINED         | OFFLINE_DAILY_LIMIT",
            "demo-ok          | null   | OFFLINE_SCAN  | 10.00    | PERSONAL | null                  | DECLINED         | PERSONAL_CODE_NOT_ALLOWED",
            // transfers: credit-card repayment only, ≤ 5000
            "demo-ok          | null   | TRANSFER      | 5000.00  | MERCHANT | CREDIT_CARD_REPAYMENT | APPROVED         | ''",
            "demo-ok          | null   | TRANSFER      | 5000.01  | MERCHANT | CREDIT_CARD_REPAYMENT | DECLINED         | TRANSFER_OVER_LIMIT",
            "demo-ok          | null   | TRANSFER      | 200.00   | PERSONAL | RENT                  | DECLINED         | TRANSFER_PURPOSE_NOT_ALLOWED",
            "demo-ok          | null   | TRANSFER      | 200.00   | PERSONAL | null                  | DECLINED         | TRANSFER_PURPOSE_NOT_ALLOWED",
            // virtual top-ups under 50
            "demo-ok          | null   | VIRTUAL_TOPUP | 49.99    | MERCHANT | null                  | APPROVED         | ''",
            "demo-ok          | null   | VIRTUAL_TOPUP | 50.00    | MERCHANT | null                  | DECLINED         | VIRTUAL_TOPUP_OVER_LIMIT",
            // cross-border with the permission only
            "demo-crossborder | null   | CROSS_BORDER  | 300.00   | MERCHANT | null                  | APPROVED         | ''",
            "demo-ok          | null   | CROSS_BORDER  | 300.00   | MERCHANT | null                  | DECLINED         | CROSS_BORDER_NOT_PERMITTED",
            // the customer's own per-transaction cap (binding step 5)
            "demo-ok          | 800.00 | ONLINE        | 800.00   | MERCHANT | null                  | APPROVED         | ''",
            "demo-ok          | 800.00 | ONLINE        | 800.01   | MERCHANT | null                  | DECLINED         | OVER_PER_TRANSACTION_CAP",
            "demo-ok          | 800.00 | OFFLINE_SCAN  | 800.01   | MERCHANT | null                  | DECLINED         | OVER_PER_TRANSACTION_CAP",
    })
    void eachScenarioLimitAtAndJustOverItsBoundary(String userId, BigDecimal cap, Scenario scenario, String amount,
                                                    PayeeType payee, String purpose, Decision expected, String codes) {
        activeForADay(userId, cap);
        BigDecimal availableBefore = payments.figures(userId).map(PaymentLedger.Entry::availableCredit).orElse(null);
        ObjectNode body = payment(userId, scenario, amount, "Shanghai");
        body.with("payee").put("type", payee.name());
        if (purpose == null) {
            body.remove("purpose");
        } else {
            body.put("purpose", purpose);
        }

        JsonNode a = authorize(body);

        assertThat(decision(a)).isEqualTo(expected.name());
        assertThat(reasons(a)).containsExactlyElementsOf(codes.isEmpty() ? List.of() : Arrays.asList(codes.split(",")));
        BigDecimal taken = expected == Decision.APPROVED ? new BigDecimal(amount) : BigDecimal.ZERO;
        PaymentLedger.Entry after = figures(userId);
        assertThat(after.availableCredit()).isEqualByComparingTo(
                (availableBefore == null ? after.initialAvailableCredit() : availableBefore).subtract(taken));
        assertThat(after.wechatExposure()).isEqualByComparingTo(taken);
        if (expected == Decision.STEP_UP_REQUIRED) {     // the limits allow it: the face approves it
            JsonNode approved = face(a.path("id").asText(), "pass").getBody();
            assertThat(decision(approved)).isEqualTo("APPROVED");
            assertThat(figures(userId).availableCredit()).isEqualByComparingTo(after.availableCredit().subtract(new BigDecimal(amount)));
        }
    }

    @Test
    void offlineScansAddUpToTwoThousandPerBeijingDayAndTheNextBeijingDayStartsAfresh() {
        activeForADay("demo-ok", null);
        // Thursday 2026-03-12 23:00 Beijing (15:00 UTC)
        setClock(OffsetDateTime.parse("2026-03-12T23:00:00+08:00").toInstant());
        assertThat(decision(authorize("demo-ok", Scenario.OFFLINE_SCAN, "1500.00", "Shanghai"))).isEqualTo("APPROVED");
        assertThat(decision(authorize("demo-ok", Scenario.OFFLINE_SCAN, "400.00", "Shanghai"))).isEqualTo("APPROVED");
        // 1900 so far: 100.00 reaches exactly 2000.00, then 0.01 more is one fen over
        JsonNode over = authorize("demo-ok", Scenario.OFFLINE_SCAN, "100.01", "Shanghai");
        assertThat(decision(over)).isEqualTo("DECLINED");
        assertThat(reasons(over)).containsExactly("OFFLINE_DAILY_LIMIT");
        setClock(OffsetDateTime.parse("2026-03-12T23:59:59+08:00").toInstant());
        assertThat(decision(authorize("demo-ok", Scenario.OFFLINE_SCAN, "100.00", "Shanghai"))).isEqualTo("APPROVED");
        assertThat(reasons(authorize("demo-ok", Scenario.OFFLINE_SCAN, "0.01", "Shanghai")))
                .containsExactly("OFFLINE_DAILY_LIMIT");
        // other scenarios do not count towards it
        assertThat(decision(authorize("demo-ok", Scenario.ONLINE, "300.00", "Shanghai"))).isEqualTo("APPROVED");

        // two seconds later it is Friday in Beijing (still Thursday in UTC): a fresh 2000
        setClock(OffsetDateTime.parse("2026-03-13T00:00:01+08:00").toInstant());
        assertThat(decision(authorize("demo-ok", Scenario.OFFLINE_SCAN, "400.00", "Shanghai"))).isEqualTo("APPROVED");
        setClock(OffsetDateTime.parse("2026-03-13T10:00:00+08:00").toInstant());
        assertThat(decision(authorize("demo-ok", Scenario.OFFLINE_SCAN, "1600.00", "Shanghai"))).isEqualTo("APPROVED");
        assertThat(reasons(authorize("demo-ok", Scenario.OFFLINE_SCAN, "0.01", "Shanghai"))).containsExactly("OFFLINE_DAILY_LIMIT");
        assertThat(figures("demo-ok").wechatExposure()).isEqualByComparingTo("4300.00");
    }

    @Test
    void aBindingThatIsNotActiveCannotPayAndNeitherCanACustomerWithoutOne() {
        String inProgress = startBinding("demo-ok").id();
        JsonNode a = authorize("demo-ok", Scenario.ONLINE, "10.00", "Shanghai");
        assertThat(decision(a)).isEqualTo("DECLINED");
        assertThat(reasons(a)).containsExactly("BINDING_NOT_ACTIVE");
        assertThat(a.path("bindingId").asText()).isEqualTo(inProgress);

        JsonNode none = authorize("demo-3rdparty-off", Scenario.OFFLINE_SCAN, "10.00", "Shanghai");
        assertThat(decision(none)).isEqualTo("DECLINED");
        assertThat(reasons(none)).containsExactly("BINDING_NOT_ACTIVE");
        assertThat(none.has("bindingId")).isFalse();
        // recorded with the layers that ran: the gate stopped the run
        assertThat(none.path("risk").path("fired")).extracting(JsonNode::asText).containsExactly("binding-not-active");
        assertThat(figures("demo-3rdparty-off").availableCredit()).isEqualByComparingTo("11000.00");
    }
}
