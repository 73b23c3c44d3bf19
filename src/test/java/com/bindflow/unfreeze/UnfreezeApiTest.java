package com.bindflow.unfreeze;

import static com.bindflow.support.JdAppApi.assertProblem;

import com.bindflow.support.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The REST contract of the account view ({@code GET /api/accounts/{userId}}) and the travel proof
 * ({@code POST /api/accounts/{userId}/unfreeze-requests}), as the JD app backend calls them.
 */
class UnfreezeApiTest extends ApiTestSupport {

    static final String USER = "demo-ok";
    static final String PROOFS = "/api/accounts/" + USER + "/unfreeze-requests";
    static final String ACCOUNT = "/api/accounts/" + USER;
    static final String GOOD_PROOF = """
            {"trips":[{"city":"Shanghai","startDate":"2026-03-09","endDate":"2026-03-10"},
                      {"city":"Beijing","startDate":"2026-03-10","endDate":"2026-03-11"}],
             "documentRef":"12306-E123456789"}""";

    /**
     * A freeze through the sandbox endpoint (as the payments' pipeline or the overdue check will), then due jobs. Time
     * moves with the fixed test clock of ProcessTestSupport, so that times compare exactly.
     */
    private void frozen(String cause, String evidenceRef) {
        ResponseEntity<JsonNode> r = api.post("/sandbox/accounts/" + USER + "/freezes", """
                {"cause":"%s","reason":"5 cross-city offline scans >= 1800.00 within 2 h: Shanghai 1950.00 10:05","evidenceRef":"%s"}"""
                .formatted(cause, evidenceRef));
        Assertions.assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        Assertions.assertThat(r.getBody().path("frozen").asBoolean()).isTrue();
        runJobs();
    }

    private int storedProofs() {
        return jdbc.queryForObject("select count(*) from unfreeze_request", Integer.class);
    }

    private void decide(String decision, String reason) {
        Task review = engine.getTaskService().createTaskQuery().taskDefinitionKey(UnfreezeProcess.TASK_REVIEW).singleResult();
        engine.getTaskService().complete(review.getId(), Map.of("reviewDecision", decision, "reviewReason", reason));
        runJobs();
    }

    // ---- the account view ------------------------------------------------------------------------------------------

    @Test
    void anAccountThatIsNotFrozenShowsItsCreditAndNoFreeze() {
        ResponseEntity<JsonNode> r = api.get(ACCOUNT);
        Assertions.assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode account = r.getBody();
        Assertions.assertThat(account.path("userId").asText()).isEqualTo(USER);
        Assertions.assertThat(account.path("credit").path("limit").decimalValue()).isEqualByComparingTo("20000.00");
        Assertions.assertThat(account.path("credit").path("available").decimalValue()).isEqualByComparingTo("15000.00");
        Assertions.assertThat(account.path("frozen").asBoolean()).isFalse();
        Assertions.assertThat(account.path("freezes")).isEmpty();
        Assertions.assertThat(account.has("unfreezeReview")).isFalse();
        Assertions.assertThat(account.path("wechatExposure").path("outstanding").decimalValue()).as("nothing paid yet")
                .isEqualByComparingTo("0.00");
        Assertions.assertThat(account.path("wechatExposure").path("limit").decimalValue()).isEqualByComparingTo("10000.00");
        Assertions.assertThat(account.path("nextSteps")).isEmpty();

        assertProblem(api.get("/api/accounts/nobody"), HttpStatus.NOT_FOUND, "UNKNOWN_USER", "userId");
    }

    @Test
    void theAccountViewFollowsTheReviewFromFreezeToUnfrozen() {
        frozen("RISK", "auth-1");
        JsonNode account = api.get(ACCOUNT).getBody();
        Assertions.assertThat(account.path("frozen").asBoolean()).isTrue();
        Assertions.assertThat(account.path("freezes").get(0).path("cause").asText()).isEqualTo("RISK");
        Assertions.assertThat(account.path("freezes").get(0).path("reason").asText()).startsWith("5 cross-city");
        Assertions.assertThat(account.path("freezes").get(0).path("since").asText()).isEqualTo(T0.toString());
        JsonNode review = account.path("unfreezeReview");
        Assertions.assertThat(review.path("state").asText()).isEqualTo("AWAITING_PROOF");
        Assertions.assertThat(review.path("proofDueAt").asText()).isEqualTo(T0.plus(Duration.ofDays(30)).toString());
        Assertions.assertThat(account.path("nextSteps").get(0).asText()).isEqualTo("POST /api/accounts/{userId}/unfreeze-requests");

        ResponseEntity<JsonNode> submitted = api.post(PROOFS, GOOD_PROOF);
        Assertions.assertThat(submitted.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String id = submitted.getBody().path("id").asText();
        Assertions.assertThat(submitted.getHeaders().getLocation()).hasToString(PROOFS + "/" + id);
        Assertions.assertThat(submitted.getBody().path("state").asText()).isEqualTo("UNDER_REVIEW");
        Assertions.assertThat(submitted.getBody().path("attempt").asInt()).isEqualTo(1);
        Assertions.assertThat(submitted.getBody().path("trips").get(1).path("city").asText()).isEqualTo("Beijing");
        Assertions.assertThat(submitted.getBody().path("reviewDueAt").asText()).isEqualTo(T0.plus(Duration.ofHours(12)).toString());
        Assertions.assertThat(api.get(PROOFS + "/" + id).getBody().path("documentRef").asText()).isEqualTo("12306-E123456789");

        review = api.get(ACCOUNT).getBody().path("unfreezeReview");
        Assertions.assertThat(review.path("state").asText()).isEqualTo("UNDER_REVIEW");
        Assertions.assertThat(review.path("reviewDueAt").asText()).isEqualTo(T0.plus(Duration.ofHours(12)).toString());
        Assertions.assertThat(review.path("escalated").asBoolean()).isFalse();
        Assertions.assertThat(review.has("proofDueAt")).isFalse();
        Assertions.assertThat(api.get(ACCOUNT).getBody().path("nextSteps")).isEmpty();

        advance(Duration.ofHours(12));
        Assertions.assertThat(api.get(ACCOUNT).getBody().path("unfreezeReview").path("escalated").asBoolean()).isTrue();

        decide("REJECT", "The ticket is in another passenger's name.");
        account = api.get(ACCOUNT).getBody();
        Assertions.assertThat(account.path("frozen").asBoolean()).isTrue();
        review = account.path("unfreezeReview");
        Assertions.assertThat(review.path("state").asText()).isEqualTo("REJECTED");
        Assertions.assertThat(review.path("rejectionReason").asText()).isEqualTo("The ticket is in another passenger's name.");
        Assertions.assertThat(review.path("proofDueAt").asText())
                .isEqualTo(T0.plus(Duration.ofHours(12)).plus(Duration.ofDays(30)).toString());
        Assertions.assertThat(review.path("lastProof").path("state").asText()).isEqualTo("REJECTED");
        Assertions.assertThat(review.path("lastProof").has("decidedBy")).as("staff ids stay internal").isFalse();
        Assertions.assertThat(account.path("nextSteps")).hasSize(1);

        Assertions.assertThat(api.post(PROOFS, GOOD_PROOF.replace("12306-E123456789", "12306-E987654321")).getBody()
                .path("attempt").asInt()).isEqualTo(2);
        decide("APPROVE", "The new ticket is the customer's own.");
        account = api.get(ACCOUNT).getBody();
        Assertions.assertThat(account.path("frozen").asBoolean()).isFalse();
        Assertions.assertThat(account.path("freezes")).isEmpty();
        Assertions.assertThat(account.path("unfreezeReview").path("state").asText()).isEqualTo("UNFROZEN");
        Assertions.assertThat(account.path("unfreezeReview").path("endedAt").asText())
                .isEqualTo(T0.plus(Duration.ofHours(12)).toString());
    }

    @Test
    void aCaseWithoutProofFor30DaysShowsClosedAndStillFrozen() {
        frozen("RISK", "auth-1");
        advance(Duration.ofDays(30));
        JsonNode account = api.get(ACCOUNT).getBody();
        Assertions.assertThat(account.path("frozen").asBoolean()).isTrue();
        Assertions.assertThat(account.path("unfreezeReview").path("state").asText()).isEqualTo("CLOSED");
        Assertions.assertThat(account.path("unfreezeReview").has("proofDueAt")).isFalse();
        Assertions.assertThat(account.path("nextSteps")).as("a late proof opens a new case").hasSize(1);
    }

    // ---- refusals --------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "a trip without city           | {'trips':[{'startDate':'2026-03-09','endDate':'2026-03-10'}],'documentRef':'doc-1'}               | trips[0].city",
            "a blank city                  | {'trips':[{'city':' ','startDate':'2026-03-09','endDate':'2026-03-10'}],'documentRef':'doc-1'}    | trips[0].city",
            "end date before start date    | {'trips':[{'city':'Shanghai','startDate':'2026-03-09','endDate':'2026-03-10'},{'city':'Beijing','startDate':'2026-03-10','endDate':'2026-03-08'}],'documentRef':'doc-1'} | trips[1].endDate",
            "no start date                 | {'trips':[{'city':'Shanghai','endDate':'2026-03-10'}],'documentRef':'doc-1'}                     | trips[0].startDate",
            "a trip starting in the future | {'trips':[{'city':'Shanghai','startDate':'2026-03-12','endDate':'2026-03-13'}],'documentRef':'doc-1'} | trips[0].startDate",
            "not a date                    | {'trips':[{'city':'Shanghai','startDate':'2026-02-30','endDate':'2026-03-10'}],'documentRef':'doc-1'} | trips[0].startDate",
            "no trips                      | {'trips':[],'documentRef':'doc-1'}                                                                 | trips",
            "no document reference         | {'trips':[{'city':'Shanghai','startDate':'2026-03-09','endDate':'2026-03-10'}]}                    | documentRef",
            "a document reference of spaces | {'trips':[{'city':'Shanghai','startDate':'2026-03-09','endDate':'2026-03-10'}],'documentRef':'a b'} | documentRef",
            "not JSON                      | {'trips':                                                                                          | body",
    })
    void badInputIs400NamingTheFieldAndStoresNothing(String what, String body, String field) {
        frozen("RISK", "auth-1");
        assertProblem(api.post(PROOFS, body.replace('\'', '"')), HttpStatus.BAD_REQUEST, null, field);
        Assertions.assertThat(storedProofs()).isZero();
        Assertions.assertThat(api.get(ACCOUNT).getBody().path("unfreezeReview").path("state").asText()).isEqualTo("AWAITING_PROOF");
    }

    @Test
    void anUnknownUserIs404() {
        assertProblem(api.post("/api/accounts/nobody/unfreeze-requests", GOOD_PROOF), HttpStatus.NOT_FOUND, "UNKNOWN_USER", "userId");
        frozen("RISK", "auth-1");
        String id = api.post(PROOFS, GOOD_PROOF).getBody().path("id").asText();
        assertProblem(api.get("/api/accounts/nobody/unfreeze-requests/" + id), HttpStatus.NOT_FOUND, "UNKNOWN_USER", "userId");
        assertProblem(api.get("/api/accounts/demo-cashout/unfreeze-requests/" + id), HttpStatus.NOT_FOUND,
                "UNFREEZE_REQUEST_NOT_FOUND", null);
    }

    @Test
    void aCustomerWhoIsNotFrozenForRiskIs409() {
        assertProblem(api.post(PROOFS, GOOD_PROOF), HttpStatus.CONFLICT, "NOT_FROZEN", null);
        frozen("OVERDUE", "bill-2026-02");
        assertProblem(api.post(PROOFS, GOOD_PROOF), HttpStatus.CONFLICT, "NOT_FROZEN_FOR_RISK", null);
        Assertions.assertThat(storedProofs()).isZero();
        Assertions.assertThat(api.get(ACCOUNT).getBody().path("nextSteps")).isEmpty();
    }

    @Test
    void aSecondProofWhileOneIsUnderReviewOrApprovedIs409() {
        frozen("RISK", "auth-1");
        String first = api.post(PROOFS, GOOD_PROOF).getBody().path("id").asText();

        ResponseEntity<JsonNode> second = api.post(PROOFS, GOOD_PROOF);
        assertProblem(second, HttpStatus.CONFLICT, "PROOF_UNDER_REVIEW", null);
        Assertions.assertThat(second.getBody().path("requestId").asText()).isEqualTo(first);
        Assertions.assertThat(storedProofs()).isEqualTo(1);

        Task review = engine.getTaskService().createTaskQuery().taskDefinitionKey(UnfreezeProcess.TASK_REVIEW).singleResult();
        engine.getTaskService().complete(review.getId(), Map.of("reviewDecision", "APPROVE", "reviewReason", "Tickets match."));
        // approved, the lifting job has not run yet
        assertProblem(api.post(PROOFS, GOOD_PROOF), HttpStatus.CONFLICT, "UNFREEZE_APPROVED", null);
        runJobs();
        assertProblem(api.post(PROOFS, GOOD_PROOF), HttpStatus.CONFLICT, "NOT_FROZEN", null);
        Assertions.assertThat(storedProofs()).isEqualTo(1);
    }

    @Test
    void aProofBeforeTheCaseHasStartedIs409WithRetryAfterAndStoresNothing() {
        api.post("/sandbox/accounts/" + USER + "/freezes", "{\"cause\":\"RISK\",\"reason\":\"attempts\",\"evidenceRef\":\"auth-1\"}");
        ResponseEntity<JsonNode> early = api.post(PROOFS, GOOD_PROOF);
        assertProblem(early, HttpStatus.CONFLICT, "REVIEW_STARTING", null);
        Assertions.assertThat(early.getHeaders().getFirst("Retry-After")).isEqualTo("2");
        Assertions.assertThat(storedProofs()).isZero();

        runJobs();
        Assertions.assertThat(api.post(PROOFS, GOOD_PROOF).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void theSandboxFreezeEndpointChecksItsInput() {
        assertProblem(api.post("/sandbox/accounts/nobody/freezes", "{\"cause\":\"RISK\",\"reason\":\"r\",\"evidenceRef\":\"e\"}"),
                HttpStatus.NOT_FOUND, "UNKNOWN_USER", "userId");
        assertProblem(api.post("/sandbox/accounts/" + USER + "/freezes", "{\"reason\":\"r\",\"evidenceRef\":\"e\"}"),
                HttpStatus.BAD_REQUEST, null, "cause");
        assertProblem(api.post("/sandbox/accounts/" + USER + "/freezes", "{\"cause\":\"RISK\",\"reason\":\"r\"}"),
                HttpStatus.BAD_REQUEST, null, "evidenceRef");
        frozen("OVERDUE", "bill-1");
        JsonNode lifted = api.post("/sandbox/accounts/" + USER + "/freezes/lift", "{\"cause\":\"OVERDUE\",\"reason\":\"repaid\"}").getBody();
        Assertions.assertThat(lifted.path("lifted").asInt()).isEqualTo(1);
        Assertions.assertThat(lifted.path("frozen").asBoolean()).isFalse();
        Assertions.assertThat(api.get(ACCOUNT).getBody().path("frozen").asBoolean()).isFalse();
    }
}
