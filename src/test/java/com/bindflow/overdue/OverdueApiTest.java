package com.bindflow.overdue;

import static com.bindflow.support.JdAppApi.assertProblem;

import com.bindflow.support.ApiTestSupport;
import com.bindflow.support.JdAppApi;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The REST contract of overdue amounts: {@code POST /api/accounts/{userId}/overdue-events} (JD Finance reports one),
 * {@code POST /api/accounts/{userId}/repayments}, and the overdue cases in the account view. T0 = Wed 2026-03-11 10:00
 * Beijing; 1000.00 due on 9 March accrues 0.50 a day from the 10th.
 */
class OverdueApiTest extends ApiTestSupport {

    static final String USER = "demo-ok";
    static final String ACCOUNT = "/api/accounts/" + USER;
    static final String EVENTS = ACCOUNT + "/overdue-events";
    static final String REPAYMENTS = ACCOUNT + "/repayments";
    static final String WECHAT_OVERDUE = "{\"channel\":\"WECHAT\",\"amountDue\":\"1000.00\",\"dueDate\":\"2026-03-09\"}";

    /** Overdue events come from JD Finance's client, everything else from the JD app's. */
    private ResponseEntity<JsonNode> post(String path, String key, String body) {
        return path.endsWith("/overdue-events") ? jdFinance().post(path, key, body) : api.post(path, key, body);
    }

    private JdAppApi jdFinance() {
        return new JdAppApi(anonymous, json, "jd-finance", "jd-finance-secret");
    }

    private String reported(String body) {
        ResponseEntity<JsonNode> r = post(EVENTS, UUID.randomUUID().toString(), body);
        Assertions.assertThat(r.getStatusCode()).as("%s", r.getBody()).isEqualTo(HttpStatus.CREATED);
        return r.getBody().path("id").asText();
    }

    private static String repayment(String overdueId, String amount) {
        return "{\"overdueId\":\"" + overdueId + "\",\"amount\":\"" + amount + "\"}";
    }

    private int rows(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Integer.class);
    }

    // ---- the walk-through ------------------------------------------------------------------------------------------

    @Test
    void aWeChatOverdueFromReportToRepaidInFull() {
        ResponseEntity<JsonNode> created = post(EVENTS, "jd-event-1", WECHAT_OVERDUE);
        Assertions.assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode overdue = created.getBody();
        String id = overdue.path("id").asText();
        Assertions.assertThat(created.getHeaders().getLocation()).hasToString(ACCOUNT + "/overdues/" + id);
        Assertions.assertThat(created.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("false");
        Assertions.assertThat(overdue.path("channel").asText()).isEqualTo("WECHAT");
        Assertions.assertThat(overdue.path("dueDate").asText()).isEqualTo("2026-03-09");
        Assertions.assertThat(overdue.path("amountDue").decimalValue()).isEqualByComparingTo("1000.00");
        Assertions.assertThat(overdue.path("accruedThrough").asText()).isEqualTo("2026-03-11");
        Assertions.assertThat(overdue.path("penaltyAccrued").decimalValue()).isEqualByComparingTo("1.00");
        Assertions.assertThat(overdue.path("outstanding").decimalValue()).isEqualByComparingTo("1001.00");
        Assertions.assertThat(overdue.path("state").asText()).isEqualTo("OPEN");
        Assertions.assertThat(overdue.path("reportedAt").asText()).isEqualTo(T0.toString());
        Assertions.assertThat(overdue.has("settledAt")).isFalse();
        runJobs();

        JsonNode account = api.get(ACCOUNT).getBody();
        Assertions.assertThat(account.path("frozen").asBoolean()).isTrue();
        Assertions.assertThat(account.path("freezes").get(0).path("cause").asText()).isEqualTo("OVERDUE");
        Assertions.assertThat(account.path("overdues").get(0).path("id").asText()).isEqualTo(id);
        Assertions.assertThat(account.path("nextSteps")).extracting(JsonNode::asText)
                .containsExactly("POST /api/accounts/{userId}/repayments");

        advance(Duration.ofDays(3)); // Sat 14 March 10:00: 5 days
        overdue = api.get(ACCOUNT + "/overdues/" + id).getBody();
        Assertions.assertThat(overdue.path("accruedThrough").asText()).isEqualTo("2026-03-14");
        Assertions.assertThat(overdue.path("penaltyAccrued").decimalValue()).isEqualByComparingTo("2.50");
        Assertions.assertThat(overdue.path("outstanding").decimalValue()).isEqualByComparingTo("1002.50");

        // 300.00: the penalty 2.50 first, then 297.50 of principal
        ResponseEntity<JsonNode> paid = post(REPAYMENTS, "pay-1", repayment(id, "300.00"));
        Assertions.assertThat(paid.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode part = paid.getBody();
        String repaymentId = part.path("id").asText();
        Assertions.assertThat(paid.getHeaders().getLocation()).hasToString(REPAYMENTS + "/" + repaymentId);
        Assertions.assertThat(part.path("overdueId").asText()).isEqualTo(id);
        Assertions.assertThat(part.path("penaltyPart").decimalValue()).isEqualByComparingTo("2.50");
        Assertions.assertThat(part.path("principalPart").decimalValue()).isEqualByComparingTo("297.50");
        Assertions.assertThat(part.path("principalOutstanding").decimalValue()).isEqualByComparingTo("702.50");
        Assertions.assertThat(part.path("penaltyOutstanding").decimalValue()).isEqualByComparingTo("0.00");
        Assertions.assertThat(part.path("settled").asBoolean()).isFalse();
        Assertions.assertThat(api.get(REPAYMENTS + "/" + repaymentId).getBody()).isEqualTo(part);

        // Mon 16 March 10:00: the 15th and 16th on 702.50: 0.35125 → 0.35 a day
        advance(Duration.ofDays(2));
        overdue = api.get(ACCOUNT).getBody().path("overdues").get(0);
        Assertions.assertThat(overdue.path("principalOutstanding").decimalValue()).isEqualByComparingTo("702.50");
        Assertions.assertThat(overdue.path("penaltyAccrued").decimalValue()).isEqualByComparingTo("3.20");
        Assertions.assertThat(overdue.path("penaltyOutstanding").decimalValue()).isEqualByComparingTo("0.70");
        Assertions.assertThat(overdue.path("outstanding").decimalValue()).isEqualByComparingTo("703.20");

        ResponseEntity<JsonNode> tooMuch = post(REPAYMENTS, "pay-2", repayment(id, "703.21"));
        assertProblem(tooMuch, HttpStatus.UNPROCESSABLE_ENTITY, "AMOUNT_EXCEEDS_DUE", "amount");
        Assertions.assertThat(tooMuch.getBody().path("amountDue").decimalValue()).isEqualByComparingTo("703.20");

        JsonNode rest = post(REPAYMENTS, "pay-3", repayment(id, "703.20")).getBody();
        Assertions.assertThat(rest.path("penaltyPart").decimalValue()).isEqualByComparingTo("0.70");
        Assertions.assertThat(rest.path("principalPart").decimalValue()).isEqualByComparingTo("702.50");
        Assertions.assertThat(rest.path("settled").asBoolean()).isTrue();
        runJobs();

        account = api.get(ACCOUNT).getBody();
        Assertions.assertThat(account.path("frozen").asBoolean()).isFalse();
        Assertions.assertThat(account.path("freezes")).isEmpty();
        Assertions.assertThat(account.path("overdues").get(0).path("state").asText()).isEqualTo("SETTLED");
        Assertions.assertThat(account.path("overdues").get(0).path("settledAt").asText())
                .isEqualTo(T0.plus(Duration.ofDays(5)).toString());
        Assertions.assertThat(account.path("overdues").get(0).path("outstanding").decimalValue()).isEqualByComparingTo("0.00");
        Assertions.assertThat(account.path("nextSteps")).isEmpty();

        assertProblem(post(REPAYMENTS, "pay-4", repayment(id, "1.00")), HttpStatus.CONFLICT, "OVERDUE_SETTLED", "overdueId");
        Assertions.assertThat(rows("overdue_repayment")).isEqualTo(2);
    }

    // ---- idempotency -----------------------------------------------------------------------------------------------

    @Test
    void theSameReportTwiceIsOneCase() {
        String id = post(EVENTS, "jd-event-1", WECHAT_OVERDUE).getBody().path("id").asText();
        ResponseEntity<JsonNode> again = post(EVENTS, "jd-event-1", WECHAT_OVERDUE.replace("\"1000.00\"", "1000"));
        Assertions.assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        Assertions.assertThat(again.getBody().path("id").asText()).isEqualTo(id);
        Assertions.assertThat(again.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        Assertions.assertThat(rows("overdue_case")).isEqualTo(1);

        assertProblem(post(EVENTS, "jd-event-1", WECHAT_OVERDUE.replace("1000.00", "999.00")),
                HttpStatus.UNPROCESSABLE_ENTITY, "IDEMPOTENCY_KEY_REUSED", "Idempotency-Key");
        Assertions.assertThat(rows("overdue_case")).isEqualTo(1);
        Assertions.assertThat(engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(OverdueProcess.PROCESS_ID).count()).isEqualTo(1);
    }

    @Test
    void theSameRepaymentTwiceIsPaidOnceAndAnsweredTheSame() {
        String id = reported(WECHAT_OVERDUE);
        JsonNode first = post(REPAYMENTS, "pay-1", repayment(id, "1001.00")).getBody();
        Assertions.assertThat(first.path("settled").asBoolean()).isTrue();

        ResponseEntity<JsonNode> again = post(REPAYMENTS, "pay-1", repayment(id, "1001"));
        Assertions.assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        Assertions.assertThat(again.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        Assertions.assertThat(again.getBody()).isEqualTo(first);
        Assertions.assertThat(rows("overdue_repayment")).isEqualTo(1);

        assertProblem(post(REPAYMENTS, "pay-1", repayment(id, "5.00")), HttpStatus.UNPROCESSABLE_ENTITY,
                "IDEMPOTENCY_KEY_REUSED", "Idempotency-Key");
    }

    @Test
    void concurrentRequestsFromSeveralNodesChangeACaseOnce() throws Exception {
        List<ResponseEntity<JsonNode>> reports = concurrently(5, i -> post(EVENTS, "jd-event-1", WECHAT_OVERDUE));
        Assertions.assertThat(reports).extracting(r -> r.getStatusCode().value()).containsOnly(201);
        Assertions.assertThat(reports).extracting(r -> r.getBody().path("id").asText()).containsOnly(
                reports.get(0).getBody().path("id").asText());
        Assertions.assertThat(rows("overdue_case")).isEqualTo(1);
        String id = reports.get(0).getBody().path("id").asText();

        List<ResponseEntity<JsonNode>> sameKey = concurrently(5, i -> post(REPAYMENTS, "pay-1", repayment(id, "100.00")));
        Assertions.assertThat(sameKey).extracting(r -> r.getStatusCode().value()).containsOnly(201);
        Assertions.assertThat(sameKey).extracting(ResponseEntity::getBody).containsOnly(sameKey.get(0).getBody());
        Assertions.assertThat(rows("overdue_repayment")).isEqualTo(1);

        // the rest, 901.00, sent under four keys at once: paid once, the others find the case settled
        List<ResponseEntity<JsonNode>> rest = concurrently(4, i -> post(REPAYMENTS, "rest-" + i, repayment(id, "901.00")));
        Assertions.assertThat(rest).extracting(r -> r.getStatusCode().value()).containsExactlyInAnyOrder(201, 409, 409, 409);
        Assertions.assertThat(rows("overdue_repayment")).isEqualTo(2);
        Assertions.assertThat(api.get(ACCOUNT + "/overdues/" + id).getBody().path("state").asText()).isEqualTo("SETTLED");
    }

    // ---- refusals --------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "no channel             | {'amountDue':'1000.00','dueDate':'2026-03-09'}                      | channel",
            "an unknown channel     | {'channel':'ALIPAY','amountDue':'1000.00','dueDate':'2026-03-09'}   | channel",
            "no amount              | {'channel':'WECHAT','dueDate':'2026-03-09'}                         | amountDue",
            "a zero amount          | {'channel':'WECHAT','amountDue':'0','dueDate':'2026-03-09'}         | amountDue",
            "a negative amount      | {'channel':'WECHAT','amountDue':'-5.00','dueDate':'2026-03-09'}     | amountDue",
            "a third decimal        | {'channel':'WECHAT','amountDue':'10.001','dueDate':'2026-03-09'}    | amountDue",
            "not a number           | {'channel':'WECHAT','amountDue':'ten','dueDate':'2026-03-09'}       | amountDue",
            "no due date            | {'channel':'WECHAT','amountDue':'1000.00'}                          | dueDate",
            "not a date             | {'channel':'WECHAT','amountDue':'1000.00','dueDate':'2026-02-30'}   | dueDate",
            "more than 10 years ago | {'channel':'WECHAT','amountDue':'1000.00','dueDate':'2016-03-09'}   | dueDate",
            "not JSON               | {'channel':                                                         | body",
    })
    void aBadReportIs400NamingTheFieldAndStoresNothing(String what, String body, String field) {
        assertProblem(post(EVENTS, "k-" + field, body.replace('\'', '"')), HttpStatus.BAD_REQUEST, null, field);
        Assertions.assertThat(rows("overdue_case")).isZero();
    }

    @Test
    void anAmountNotOverdueYetIs422AndAMissingKey400() {
        assertProblem(post(EVENTS, "k1", WECHAT_OVERDUE.replace("2026-03-09", "2026-03-11")), HttpStatus.UNPROCESSABLE_ENTITY,
                "NOT_OVERDUE", "dueDate");
        assertProblem(post(EVENTS, "k2", WECHAT_OVERDUE.replace("2026-03-09", "2026-04-01")), HttpStatus.UNPROCESSABLE_ENTITY,
                "NOT_OVERDUE", "dueDate");
        assertProblem(api.post(EVENTS, WECHAT_OVERDUE), HttpStatus.BAD_REQUEST, null, "Idempotency-Key");
        assertProblem(api.post(REPAYMENTS, repayment("x", "1.00")), HttpStatus.BAD_REQUEST, null, "Idempotency-Key");
        // the day before today (Beijing) is overdue: one day
        Assertions.assertThat(post(EVENTS, "k3", WECHAT_OVERDUE.replace("2026-03-09", "2026-03-10")).getBody()
                .path("penaltyAccrued").decimalValue()).isEqualByComparingTo("0.50");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "no overdue id      | {'amount':'10.00'}        | overdueId",
            "no amount          | {'overdueId':'ID'}        | amount",
            "a zero amount      | {'overdueId':'ID','amount':'0.00'}   | amount",
            "a negative amount  | {'overdueId':'ID','amount':'-1'}     | amount",
            "a third decimal    | {'overdueId':'ID','amount':'1.005'}  | amount",
    })
    void aBadRepaymentIs400NamingTheField(String what, String body, String field) {
        String id = reported(WECHAT_OVERDUE);
        assertProblem(post(REPAYMENTS, "k-" + field, body.replace('\'', '"').replace("ID", id)), HttpStatus.BAD_REQUEST,
                null, field);
        Assertions.assertThat(rows("overdue_repayment")).isZero();
    }

    @Test
    void unknownUsersAndCasesAre404() {
        assertProblem(post("/api/accounts/nobody/overdue-events", "k1", WECHAT_OVERDUE), HttpStatus.NOT_FOUND,
                "UNKNOWN_USER", "userId");
        String id = reported(WECHAT_OVERDUE);
        assertProblem(post("/api/accounts/nobody/repayments", "k2", repayment(id, "1.00")), HttpStatus.NOT_FOUND,
                "UNKNOWN_USER", "userId");
        assertProblem(post(REPAYMENTS, "k3", repayment("no-such-case", "1.00")), HttpStatus.NOT_FOUND,
                "OVERDUE_NOT_FOUND", "overdueId");
        // another customer's case is not found for this one
        assertProblem(post("/api/accounts/demo-cashout/repayments", "k4", repayment(id, "1.00")), HttpStatus.NOT_FOUND,
                "OVERDUE_NOT_FOUND", "overdueId");
        assertProblem(api.get("/api/accounts/demo-cashout/overdues/" + id), HttpStatus.NOT_FOUND, "OVERDUE_NOT_FOUND", null);
        assertProblem(api.get(REPAYMENTS + "/no-such-repayment"), HttpStatus.NOT_FOUND, "REPAYMENT_NOT_FOUND", null);
        Assertions.assertThat(rows("overdue_repayment")).isZero();
        Assertions.assertThat(rows("overdue_case")).isEqualTo(1);
    }

    @Test
    void aJdAppOverdueIsShownButDoesNotFreeze() {
        String id = reported("{\"channel\":\"JD_APP\",\"amountDue\":\"500.00\",\"dueDate\":\"2026-03-01\"}");
        runJobs();
        JsonNode account = api.get(ACCOUNT).getBody();
        Assertions.assertThat(account.path("frozen").asBoolean()).isFalse();
        JsonNode overdue = account.path("overdues").get(0);
        Assertions.assertThat(overdue.path("id").asText()).isEqualTo(id);
        Assertions.assertThat(overdue.path("channel").asText()).isEqualTo("JD_APP");
        // 500.00 x 0.05 % = 0.25 a day, 2–11 March = 10 days
        Assertions.assertThat(overdue.path("penaltyAccrued").decimalValue()).isEqualByComparingTo("2.50");
        Assertions.assertThat(account.path("nextSteps")).extracting(JsonNode::asText)
                .containsExactly("POST /api/accounts/{userId}/repayments");
    }

    @Test
    void onlyJdFinanceReportsOverdueAmounts() {
        assertProblem(api.post(EVENTS, "k-app", WECHAT_OVERDUE), HttpStatus.FORBIDDEN, "FORBIDDEN", null);
        Assertions.assertThat(api.get(ACCOUNT).getBody().path("overdues")).isEmpty();
        Assertions.assertThat(api.get(ACCOUNT).getBody().path("frozen").asBoolean()).isFalse();
    }

    @Test
    void payInFullPaysWhatIsDueAtTheMomentItIsBookedEvenAfterMidnight() {
        String id = post(EVENTS, "jd-event-1", WECHAT_OVERDUE).getBody().path("id").asText();
        runJobs();
        JsonNode seen = api.get(ACCOUNT + "/overdues/" + id).getBody();
        BigDecimal seenDue = seen.path("principalOutstanding").decimalValue().add(seen.path("penaltyOutstanding").decimalValue());
        advance(java.time.Duration.ofDays(1));   // a day's penalty more by the time the customer pays
        JsonNode paid = post(REPAYMENTS, "pay-all", "{\"overdueId\":\"" + id + "\",\"payInFull\":true}").getBody();
        Assertions.assertThat(paid.path("amount").decimalValue()).isEqualByComparingTo(seenDue.add(new BigDecimal("0.50")));
        Assertions.assertThat(api.get(ACCOUNT + "/overdues/" + id).getBody().path("state").asText()).isEqualTo("SETTLED");
        assertProblem(post(REPAYMENTS, "pay-both", "{\"overdueId\":\"" + id + "\",\"amount\":1.00,\"payInFull\":true}"),
                HttpStatus.BAD_REQUEST, null, "amount");
    }
}
