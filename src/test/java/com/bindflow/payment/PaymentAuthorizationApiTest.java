package com.bindflow.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.bindflow.freeze.CreditLineFreezes;
import com.bindflow.freeze.FreezeCause;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The authorization API: input checks, idempotency, reading, reversal, step-up and frozen accounts. */
class PaymentAuthorizationApiTest extends PaymentTestSupport {

    @Autowired
    CreditLineFreezes freezes;

    // ---- input ------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "userId        | \"\"",
            "userId        | \"demo ok\"",
            "scenario      | \"ATM\"",
            "amount        | 0",
            "amount        | -5",
            "amount        | 1.001",
            "payee         | null",
            "payee.type    | \"FRIEND\"",
            "payee.id      | \"\"",
            "city          | \"\"",
            "occurredAt    | \"yesterday\"",
            "occurredAt    | null",
    })
    void badInputIsA400NamingTheFieldAndWritesNothing(String field, String value) throws Exception {
        activeBinding("demo-ok");
        ObjectNode body = payment("demo-ok", Scenario.ONLINE, "10.00", "Shanghai");
        ObjectNode parent = field.startsWith("payee.") ? (ObjectNode) body.get("payee") : body;
        String name = field.startsWith("payee.") ? field.substring(6) : field;
        parent.set(name, json.readTree(value));
        assertProblem(post(body, "k-1"), HttpStatus.BAD_REQUEST, "INVALID_FIELD", field);
        assertThat(rows("payment_authorization") + rows("payment_ledger")).isZero();
    }

    @Test
    void occurredAtFarFromOurClockAndAMissingKeyAreRefused() {
        activeBinding("demo-ok");
        ObjectNode future = payment("demo-ok", Scenario.ONLINE, "10.00", "Shanghai");
        future.put("occurredAt", now().plus(Duration.ofMinutes(6)).toString());
        assertProblem(post(future, "k-1"), HttpStatus.BAD_REQUEST, "INVALID_FIELD", "occurredAt");
        ObjectNode old = payment("demo-ok", Scenario.ONLINE, "10.00", "Shanghai");
        old.put("occurredAt", now().minus(Duration.ofHours(25)).toString());
        assertProblem(post(old, "k-1"), HttpStatus.BAD_REQUEST, "INVALID_FIELD", "occurredAt");
        assertProblem(post(payment("demo-ok", Scenario.ONLINE, "10.00", "Shanghai"), null), HttpStatus.BAD_REQUEST,
                "INVALID_FIELD", "Idempotency-Key");
        assertThat(rows("payment_authorization")).isZero();
    }

    @Test
    void theAccountViewShowsTheCreditAndExposureThePaymentsUse() {
        activeBinding("demo-ok");
        JsonNode before = api.get("/api/accounts/demo-ok").getBody();
        assertThat(before.path("credit").path("available").decimalValue()).isEqualByComparingTo("15000.00");
        assertThat(before.path("wechatExposure").path("outstanding").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(before.path("wechatExposure").path("limit").decimalValue()).isEqualByComparingTo("10000.00");

        JsonNode paid = authorize("demo-ok", Scenario.ONLINE, "1000.00", "Shanghai");
        assertThat(decision(paid)).isEqualTo("APPROVED");
        JsonNode after = api.get("/api/accounts/demo-ok").getBody();
        assertThat(after.path("credit").path("available").decimalValue()).isEqualByComparingTo("14000.00")
                .isEqualByComparingTo(figures("demo-ok").availableCredit());
        assertThat(after.path("wechatExposure").path("outstanding").decimalValue()).isEqualByComparingTo("1000.00");

        reverse(paid.path("id").asText());
        JsonNode reversed = api.get("/api/accounts/demo-ok").getBody();
        assertThat(reversed.path("credit").path("available").decimalValue()).isEqualByComparingTo("15000.00");
        assertThat(reversed.path("wechatExposure").path("outstanding").decimalValue()).isEqualByComparingTo("0.00");
    }

    @Test
    void anUnknownUserIsA404AndNothingIsWritten() {
        assertProblem(post(payment("nobody", Scenario.ONLINE, "10.00", "Shanghai"), "k-1"), HttpStatus.NOT_FOUND,
                "UNKNOWN_USER", "userId");
        assertThat(rows("payment_authorization") + rows("payment_ledger")).isZero();
    }

    // ---- idempotency, reading ------------------------------------------------------------------------------------

    @Test
    void theSameKeyAnswersTheSameAuthorizationWithOneEffect() {
        activeBinding("demo-ok");
        ObjectNode body = payment("demo-ok", Scenario.ONLINE, "120.50", "Shanghai");
        ResponseEntity<JsonNode> first = post(body, "pay-1");
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String id = first.getBody().path("id").asText();
        assertThat(first.getHeaders().getLocation()).hasToString(AUTHORIZATIONS + "/" + id);
        assertThat(first.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("false");
        assertThat(decision(first.getBody())).isEqualTo("APPROVED");

        ResponseEntity<JsonNode> again = post(body, "pay-1");
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(again.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.getBody()).isEqualTo(first.getBody());
        assertThat(rows("payment_authorization")).isOne();
        assertThat(figures("demo-ok").availableCredit()).isEqualByComparingTo("14879.50");
        assertThat(figures("demo-ok").wechatExposure()).isEqualByComparingTo("120.50");

        ObjectNode other = payment("demo-ok", Scenario.ONLINE, "120.51", "Shanghai");
        assertProblem(post(other, "pay-1"), HttpStatus.UNPROCESSABLE_ENTITY, "IDEMPOTENCY_KEY_REUSED", "Idempotency-Key");
        assertThat(rows("payment_authorization")).isOne();
    }

    @Test
    void getShowsTheDecisionTheReasonsAndEveryLayerThatRan() {
        activeBinding("demo-ok");          // activated now: 3000 online within a day of it needs a step-up
        JsonNode a = authorize("demo-ok", Scenario.ONLINE, "3000.00", "Shanghai");
        JsonNode read = get(a.path("id").asText()).getBody();
        assertThat(read).isEqualTo(a);
        assertThat(decision(read)).isEqualTo("STEP_UP_REQUIRED");
        assertThat(read.path("reasons").get(0).path("code").asText()).isEqualTo("NEW_BINDING_LARGE_AMOUNT");
        assertThat(read.path("reasons").get(0).path("message").asText()).contains("face verification");
        assertThat(read.path("risk").path("outcome").asText()).isEqualTo("STEP_UP");
        assertThat(read.path("risk").path("fired")).extracting(JsonNode::asText).containsExactly("new-binding");
        assertThat(read.path("risk").path("layers")).extracting(l -> l.path("layer").asText()).containsExactly(
                "account-frozen", "binding-not-active", "burst", "velocity", "unusual-city", "new-binding", "night-time",
                "amount-near-limit");
        assertThat(read.path("risk").path("layers").get(5).path("detail").asText()).contains("3000.00");
        assertThat(read.path("stepUp").path("expiresAt").asText()).isEqualTo(now().plus(Duration.ofMinutes(5)).toString());
        assertThat(read.path("amount").decimalValue()).isEqualByComparingTo("3000.00");
        assertThat(read.path("nextSteps").get(0).asText()).endsWith("/face");
        assertProblem(get("no-such-id"), HttpStatus.NOT_FOUND, "AUTHORIZATION_NOT_FOUND", null);
    }

    // ---- reversal ----------------------------------------------------------------------------------------------

    @Test
    void aReversalGivesBackCreditExposureAndTheDayOfflineTotalOnce() {
        activeBinding("demo-ok");
        advance(Duration.ofHours(3));
        String scan = authorize("demo-ok", Scenario.OFFLINE_SCAN, "1800.00", "Shanghai").path("id").asText();
        JsonNode declined = authorize("demo-ok", Scenario.OFFLINE_SCAN, "200.01", "Shanghai");
        assertThat(reasons(declined)).containsExactly("OFFLINE_DAILY_LIMIT");
        assertThat(figures("demo-ok").availableCredit()).isEqualByComparingTo("13200.00");

        ResponseEntity<JsonNode> reversed = reverse(scan);
        assertThat(reversed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(reversed.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("false");
        assertThat(decision(reversed.getBody())).isEqualTo("APPROVED");
        assertThat(reversed.getBody().path("reversedAt").asText()).isEqualTo(now().toString());
        ResponseEntity<JsonNode> again = reverse(scan);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(figures("demo-ok").availableCredit()).isEqualByComparingTo("15000.00");
        assertThat(figures("demo-ok").wechatExposure()).isEqualByComparingTo("0.00");

        // the reversed scan no longer counts towards the day's 2000
        assertThat(decision(authorize("demo-ok", Scenario.OFFLINE_SCAN, "1999.99", "Shanghai"))).isEqualTo("APPROVED");

        assertProblem(reverse(declined.path("id").asText()), HttpStatus.CONFLICT, "NOT_REVERSIBLE", null);
        assertProblem(reverse("no-such-id"), HttpStatus.NOT_FOUND, "AUTHORIZATION_NOT_FOUND", null);
    }

    // ---- step-up -----------------------------------------------------------------------------------------------

    /** demo-ok just activated: 3000.00 online is a step-up (new binding). */
    private String stepUp() {
        activeBinding("demo-ok");
        JsonNode a = authorize("demo-ok", Scenario.ONLINE, "3000.00", "Shanghai");
        assertThat(decision(a)).isEqualTo("STEP_UP_REQUIRED");
        assertThat(figures("demo-ok").availableCredit()).isEqualByComparingTo("15000.00");
        return a.path("id").asText();
    }

    @Test
    void aPassingFaceApprovesAndTakesTheCredit() {
        String id = stepUp();
        advance(Duration.ofMinutes(4).plusSeconds(59));
        JsonNode approved = face(id, "pass").getBody();
        assertThat(decision(approved)).isEqualTo("APPROVED");
        assertThat(reasons(approved)).isEmpty();
        assertThat(approved.path("decidedAt").asText()).isEqualTo(now().toString());
        assertThat(approved.path("stepUp").path("faceAttempts").asInt()).isOne();
        assertThat(figures("demo-ok").availableCredit()).isEqualByComparingTo("12000.00");
        assertThat(figures("demo-ok").wechatExposure()).isEqualByComparingTo("3000.00");
        assertProblem(face(id, "pass"), HttpStatus.CONFLICT, "NOT_AWAITING_STEP_UP", null);
        assertThat(figures("demo-ok").availableCredit()).isEqualByComparingTo("12000.00");
    }

    @ParameterizedTest
    @CsvSource({"mismatch, FACE_MISMATCH", "spoof, FACE_SPOOF_DETECTED"})
    void aFailingFaceDeclines(String token, String reason) {
        String id = stepUp();
        JsonNode declined = face(id, token).getBody();
        assertThat(decision(declined)).isEqualTo("DECLINED");
        assertThat(reasons(declined)).containsExactly(reason);
        assertThat(figures("demo-ok").wechatExposure()).isEqualByComparingTo("0.00");
    }

    @Test
    void poorLightingMayBeRetriedUntilTheAttemptsAreSpent() {
        String id = stepUp();
        ResponseEntity<JsonNode> dark = face(id, "poor-lighting");
        assertProblem(dark, HttpStatus.UNPROCESSABLE_ENTITY, "FACE_POOR_LIGHTING", "providerToken");
        assertThat(dark.getBody().path("attemptsLeft").asInt()).isEqualTo(2);
        assertThat(decision(face(id, "pass").getBody())).isEqualTo("APPROVED");

        String other = authorize("demo-ok", Scenario.ONLINE, "3000.00", "Shanghai").path("id").asText();
        face(other, "poor-lighting");
        face(other, "poor-lighting");
        JsonNode exhausted = face(other, "poor-lighting").getBody();
        assertThat(decision(exhausted)).isEqualTo("DECLINED");
        assertThat(reasons(exhausted)).containsExactly("FACE_RETRIES_EXHAUSTED");
        assertProblem(face(other, "nonsense"), HttpStatus.CONFLICT, "NOT_AWAITING_STEP_UP", null);
        assertProblem(face(authorize("demo-ok", Scenario.ONLINE, "3000.00", "Shanghai").path("id").asText(), "nonsense"),
                HttpStatus.BAD_REQUEST, "INVALID_FIELD", "providerToken");
    }

    @Test
    void anUnansweredStepUpIsDeclinedAfterFiveMinutesOnRead() {
        String id = stepUp();
        Instant expiresAt = now().plus(Duration.ofMinutes(5));
        advance(Duration.ofMinutes(5));
        JsonNode read = get(id).getBody();
        assertThat(decision(read)).isEqualTo("DECLINED");
        assertThat(reasons(read)).containsExactly("STEP_UP_EXPIRED");
        assertThat(read.path("decidedAt").asText()).isEqualTo(expiresAt.toString());
        assertProblem(face(id, "pass"), HttpStatus.CONFLICT, "STEP_UP_EXPIRED", null);
        assertThat(figures("demo-ok").wechatExposure()).isEqualByComparingTo("0.00");
    }

    @Test
    void aLateFaceFindsTheStepUpExpiredAndTheSweepDeclinesWhatNobodyReads() {
        String answeredLate = stepUp();
        String neverRead = authorize("demo-ok", Scenario.ONLINE, "3001.00", "Shanghai").path("id").asText();
        advance(Duration.ofMinutes(4));
        String younger = authorize("demo-ok", Scenario.ONLINE, "3002.00", "Shanghai").path("id").asText();
        advance(Duration.ofMinutes(2));

        assertProblem(face(answeredLate, "pass"), HttpStatus.CONFLICT, "STEP_UP_EXPIRED", null);
        assertThat(jdbc.queryForObject("select decision from payment_authorization where id = ?", String.class, answeredLate))
                .isEqualTo("DECLINED");
        assertThat(stepUps.expireStepUps()).isOne();                  // neverRead; younger has 3 minutes left
        assertThat(stepUps.expireStepUps()).isZero();                 // a second sweep (another node) changes nothing
        assertThat(jdbc.queryForObject("select reason_codes from payment_authorization where id = ?", String.class, neverRead))
                .isEqualTo("STEP_UP_EXPIRED");
        assertThat(decision(get(younger).getBody())).isEqualTo("STEP_UP_REQUIRED");
        assertThat(figures("demo-ok").availableCredit()).isEqualByComparingTo("15000.00");
    }

    @Test
    void aStepUpAnsweredWhenTheLimitsNoLongerAllowItIsDeclined() {
        String id = stepUp();                                          // 3000 waits for the face
        authorize("demo-ok", Scenario.ONLINE, "2900.00", "Shanghai");  // approved meanwhile
        authorize("demo-ok", Scenario.ONLINE, "2900.00", "Shanghai");
        authorize("demo-ok", Scenario.ONLINE, "2900.00", "Shanghai");  // exposure 8700 of 10000
        JsonNode declined = face(id, "pass").getBody();
        assertThat(decision(declined)).isEqualTo("DECLINED");
        assertThat(reasons(declined)).containsExactly("WECHAT_EXPOSURE_LIMIT");
        assertThat(figures("demo-ok").wechatExposure()).isEqualByComparingTo("8700.00");
    }

    // ---- frozen ------------------------------------------------------------------------------------------------

    @Test
    void aFrozenAccountIsRefusedWithFrozenInEveryScenarioAndAWaitingStepUpToo() {
        String waiting = stepUp();
        freezes.freeze("demo-ok", FreezeCause.OVERDUE, "overdue on the WeChat channel", "bill-2026-03");
        for (Scenario scenario : Scenario.values()) {
            JsonNode a = authorize("demo-ok", scenario, "10.00", "Shanghai");
            assertThat(decision(a)).as(scenario.name()).isEqualTo("FROZEN");
            assertThat(reasons(a)).containsExactly("ACCOUNT_FROZEN");
        }
        JsonNode answered = face(waiting, "pass").getBody();
        assertThat(decision(answered)).isEqualTo("FROZEN");
        assertThat(reasons(answered)).containsExactly("ACCOUNT_FROZEN");
        assertThat(rows("credit_line_freeze")).isOne();       // refusing a frozen account freezes nothing new
        assertThat(figures("demo-ok").wechatExposure()).isEqualByComparingTo("0.00");
        // the evaluation after the face is recorded beside the first one
        JsonNode risk = call(HttpMethod.GET, AUTHORIZATIONS + "/" + waiting, null, null).getBody().path("risk");
        assertThat(risk.path("outcome").asText()).isEqualTo("FREEZE");
        java.util.List<String> fired = new java.util.ArrayList<>();
        risk.path("layers").forEach(l -> {
            if (!"PASS".equals(l.path("outcome").asText())) {
                fired.add(l.path("layer").asText() + ":" + l.path("reason").asText());
            }
        });
        assertThat(fired).anyMatch(f -> f.endsWith("(after face):ACCOUNT_FROZEN"));
    }
}
