package com.bindflow.binding;

import static com.bindflow.support.JdAppApi.assertProblem;

import com.bindflow.support.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.bindflow.shared.ApiProblem;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The REST contract of SPEC.md over HTTP, as the JD app backend (jd-app) uses it; time moves by the test clock. */
class BindingApiTest extends ApiTestSupport {

    @Autowired
    private BindingSteps steps;
    @Autowired
    private PlatformTransactionManager transactions;

    // ---- helpers ------------------------------------------------------------------------------------------

    private ResponseEntity<JsonNode> call(HttpMethod method, String path, String body, HttpHeaders extra) {
        return api.call(method, path, body, extra);
    }

    private ResponseEntity<JsonNode> post(String path, String body) {
        return api.post(path, body);
    }

    private ResponseEntity<JsonNode> get(String path) {
        return api.get(path);
    }

    private ResponseEntity<JsonNode> create(String key, String body) {
        return api.post("/api/bindings", key, body);
    }

    private ResponseEntity<JsonNode> create(String userId) {
        return create(UUID.randomUUID().toString(), "{\"userId\":\"" + userId + "\",\"channel\":\"JD_APP\"}");
    }

    private JsonNode clock(String advance) {
        return api.clock(advance);
    }

    /** demo-ok through eligibility and the agreement: in AWAITING_OTP. */
    private String inOtpStep() {
        String id = create("demo-ok").getBody().path("id").asText();
        clock("PT0S");
        Assertions.assertThat(post("/api/bindings/" + id + "/agreement", "{\"version\":\"2026.1\",\"accepted\":true}")
                .getBody().path("status").asText()).isEqualTo("AWAITING_OTP");
        return id;
    }

    private String sendAndReadCode(String id) {
        Assertions.assertThat(post("/api/bindings/" + id + "/otp/send", "").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        clock("PT0S");
        return get("/sandbox/sms/demo-ok").getBody().path("code").asText();
    }

    // ---- create, read, list ---------------------------------------------------------------------------------

    @Test
    void createReturns201WithLocationAndTheSameKeyReturnsTheSameBinding() {
        String body = "{\"userId\":\"demo-ok\",\"channel\":\"JD_APP\"}";
        ResponseEntity<JsonNode> first = create("key-1", body);
        Assertions.assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String id = first.getBody().path("id").asText();
        Assertions.assertThat(first.getHeaders().getLocation()).hasToString("/api/bindings/" + id);
        Assertions.assertThat(first.getBody().path("status").asText()).isEqualTo("CHECKING_ELIGIBILITY");
        Assertions.assertThat(first.getBody().path("userId").asText()).isEqualTo("demo-ok");
        Assertions.assertThat(first.getBody().path("channel").asText()).isEqualTo("JD_APP");

        ResponseEntity<JsonNode> again = create("key-1", body);
        Assertions.assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        Assertions.assertThat(again.getBody().path("id").asText()).isEqualTo(id);
        Assertions.assertThat(again.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");

        assertProblem(create("key-1", "{\"userId\":\"demo-cashout\",\"channel\":\"JD_APP\"}"),
                HttpStatus.UNPROCESSABLE_ENTITY, "IDEMPOTENCY_KEY_REUSED", "Idempotency-Key");
        Assertions.assertThat(bindingRepository.findByUser("demo-cashout")).isEmpty();
    }

    @Test
    void oneBindingInProgressPerUser() {
        String id = create("demo-ok").getBody().path("id").asText();
        ResponseEntity<JsonNode> second = create("demo-ok");
        assertProblem(second, HttpStatus.CONFLICT, "BINDING_IN_PROGRESS", "userId");
        Assertions.assertThat(second.getBody().path("bindingId").asText()).isEqualTo(id);
        Assertions.assertThat(bindingRepository.findByUser("demo-ok")).hasSize(1);
    }

    @Test
    void aRejectedUserMayStartAgain() {
        create("demo-overdue");
        clock("PT0S");
        Assertions.assertThat(create("demo-overdue").getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void unknownUserIs404AndMalformedRequestsAre400NamingTheField() {
        assertProblem(create("nobody"), HttpStatus.NOT_FOUND, "UNKNOWN_USER", "userId");
        assertProblem(create("k2", "{\"channel\":\"JD_APP\"}"), HttpStatus.BAD_REQUEST, "INVALID_FIELD", "userId");
        assertProblem(create("k3", "{\"userId\":\"demo-ok\",\"channel\":\"ALIPAY\"}"), HttpStatus.BAD_REQUEST, null, "channel");
        assertProblem(create("k4", "{\"userId\":\"demo-ok\""), HttpStatus.BAD_REQUEST, null, "body");
        assertProblem(create("k5", "{\"userId\":\"demo ok!\",\"channel\":\"JD_APP\"}"), HttpStatus.BAD_REQUEST, null, "userId");
        assertProblem(post("/api/bindings", "{\"userId\":\"demo-ok\",\"channel\":\"JD_APP\"}"), HttpStatus.BAD_REQUEST,
                null, "Idempotency-Key");
        Assertions.assertThat(bindingRepository.findByUser("demo-ok")).isEmpty();
    }

    @Test
    void theBindingWithItsTimelineReadTogetherIsTheBindingAndTheTimelineReadApart() {
        // GET /api/bindings/{id}, which the JD app polls, reads both in one statement (a join)
        String id = create("demo-enterprise").getBody().path("id").asText();
        clock("PT0S");
        BindingRepository.WithHistory read = bindingRepository.findWithHistory(id).orElseThrow();
        Assertions.assertThat(read.binding()).isEqualTo(bindingRepository.find(id).orElseThrow());
        Assertions.assertThat(read.history()).isEqualTo(bindingRepository.history(id)).hasSize(2);
        Assertions.assertThat(bindingRepository.findWithHistory("no-such-id")).isEmpty();
    }

    @Test
    void getAndListShowStatusReasonsAndTimeline() {
        String id = create("demo-enterprise").getBody().path("id").asText();
        clock("PT0S");

        JsonNode binding = get("/api/bindings/" + id).getBody();
        Assertions.assertThat(binding.path("status").asText()).isEqualTo("REJECTED");
        Assertions.assertThat(binding.path("reasons").get(0).path("code").asText()).isEqualTo("ENTERPRISE_ACCOUNT");
        Assertions.assertThat(binding.path("reasons").get(0).path("message").asText()).contains("Enterprise");
        Assertions.assertThat(binding.path("history")).extracting(h -> h.path("status").asText())
                .containsExactly("CHECKING_ELIGIBILITY", "REJECTED");

        JsonNode list = get("/api/bindings?userId=demo-enterprise").getBody();
        Assertions.assertThat(list).hasSize(1);
        Assertions.assertThat(list.get(0).path("id").asText()).isEqualTo(id);
        assertProblem(get("/api/bindings/no-such-id"), HttpStatus.NOT_FOUND, "BINDING_NOT_FOUND", null);
        assertProblem(get("/api/bindings"), HttpStatus.BAD_REQUEST, null, "userId");
    }

    @Test
    void cashOutHistoryWaitsForAReviewerWithItsDueDate() {
        String id = create("demo-cashout").getBody().path("id").asText();
        clock("PT0S");
        JsonNode binding = get("/api/bindings/" + id).getBody();
        Assertions.assertThat(binding.path("status").asText()).isEqualTo("UNDER_REVIEW");
        Assertions.assertThat(binding.path("reasons").get(0).path("code").asText()).isEqualTo("CASH_OUT_HISTORY");
        Assertions.assertThat(binding.path("review").path("dueAt").asText()).isNotEmpty();
    }

    // ---- agreement and SMS code -----------------------------------------------------------------------------

    @Test
    void theWholeFirstHalfOverRest() {
        String id = create("demo-ok").getBody().path("id").asText();
        clock("PT0S");
        JsonNode eligible = get("/api/bindings/" + id).getBody();
        Assertions.assertThat(eligible.path("status").asText()).isEqualTo("AWAITING_AGREEMENT");
        Assertions.assertThat(eligible.path("nextSteps").get(0).asText()).isEqualTo("POST /api/bindings/" + id + "/agreement");

        JsonNode agreed = post("/api/bindings/" + id + "/agreement", "{\"version\":\"2026.1\",\"accepted\":true}").getBody();
        Assertions.assertThat(agreed.path("status").asText()).isEqualTo("AWAITING_OTP");
        Assertions.assertThat(agreed.path("agreement").path("version").asText()).isEqualTo("2026.1");

        ResponseEntity<JsonNode> sent = post("/api/bindings/" + id + "/otp/send", "");
        Assertions.assertThat(sent.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        Assertions.assertThat(sent.getBody().path("sendsLeft").asInt()).isEqualTo(2);
        clock("PT0S");
        JsonNode sms = get("/sandbox/sms/demo-ok").getBody();
        Assertions.assertThat(sms.path("phone").asText()).isEqualTo("13800138000");
        String code = sms.path("code").asText();

        ResponseEntity<JsonNode> wrong = post("/api/bindings/" + id + "/otp", "{\"code\":\"" + (code.equals("123456") ? "654321" : "123456") + "\"}");
        assertProblem(wrong, HttpStatus.UNPROCESSABLE_ENTITY, "OTP_WRONG", "code");
        Assertions.assertThat(wrong.getBody().path("wrongEntriesLeft").asInt()).isEqualTo(4);

        JsonNode verified = post("/api/bindings/" + id + "/otp", "{\"code\":\"" + code + "\"}").getBody();
        Assertions.assertThat(verified.path("status").asText()).isEqualTo("AWAITING_WECHAT_AUTHORIZATION");

        // single use: the same code again is refused, nothing changes
        assertProblem(post("/api/bindings/" + id + "/otp", "{\"code\":\"" + code + "\"}"), HttpStatus.CONFLICT,
                "WRONG_STATUS", null);
        Assertions.assertThat(get("/api/bindings/" + id).getBody().path("status").asText())
                .isEqualTo("AWAITING_WECHAT_AUTHORIZATION");
    }

    @Test
    void threeUnusedCodesExpireTheBinding() {
        String id = inOtpStep();
        for (int send = 1; send <= 3; send++) {
            sendAndReadCode(id);
            clock("PT5M");
        }
        JsonNode binding = get("/api/bindings/" + id).getBody();
        Assertions.assertThat(binding.path("status").asText()).isEqualTo("EXPIRED");
        Assertions.assertThat(binding.path("reasons").get(0).path("code").asText()).isEqualTo("OTP_LIMIT_REACHED");
    }

    @Test
    void badStepInputIs400AndAWrongStatusIs409WithNothingChanged() {
        String id = inOtpStep();
        assertProblem(post("/api/bindings/" + id + "/otp", "{\"code\":\"12ab56\"}"), HttpStatus.BAD_REQUEST, null, "code");
        assertProblem(post("/api/bindings/" + id + "/otp", "{\"code\":\"123456\"}"), HttpStatus.CONFLICT, "OTP_NOT_REQUESTED", null);
        assertProblem(post("/api/bindings/" + id + "/agreement", "{\"version\":\"2026.1\",\"accepted\":true}"),
                HttpStatus.CONFLICT, "WRONG_STATUS", null);
        Assertions.assertThat(get("/api/bindings/" + id).getBody().path("status").asText()).isEqualTo("AWAITING_OTP");

        String other = create("demo-3rdparty-off").getBody().path("id").asText();
        clock("PT0S");
        assertProblem(post("/api/bindings/" + other + "/agreement", "{\"version\":\"2026.1\",\"accepted\":false}"),
                HttpStatus.BAD_REQUEST, "AGREEMENT_NOT_ACCEPTED", "accepted");
        assertProblem(post("/api/bindings/" + other + "/agreement", "{\"version\":\"2025.9\",\"accepted\":true}"),
                HttpStatus.UNPROCESSABLE_ENTITY, "AGREEMENT_VERSION_OUTDATED", "version");
        assertProblem(post("/api/bindings/" + other + "/agreement", "{\"accepted\":true}"), HttpStatus.BAD_REQUEST, null, "version");
        Assertions.assertThat(get("/api/bindings/" + other).getBody().path("status").asText()).isEqualTo("AWAITING_AGREEMENT");
    }

    @Test
    void cooldownIs429WithRetryAfterAndThreeSendsAtMost() {
        String id = inOtpStep();
        sendAndReadCode(id);
        ResponseEntity<JsonNode> tooSoon = post("/api/bindings/" + id + "/otp/send", "");
        assertProblem(tooSoon, HttpStatus.TOO_MANY_REQUESTS, "OTP_COOLDOWN", null);
        Assertions.assertThat(Integer.parseInt(tooSoon.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1, 60);

        clock("PT60S");
        sendAndReadCode(id);
        clock("PT60S");
        String third = sendAndReadCode(id);
        clock("PT60S");
        assertProblem(post("/api/bindings/" + id + "/otp/send", ""), HttpStatus.CONFLICT, "OTP_SEND_LIMIT_REACHED", null);
        Assertions.assertThat(post("/api/bindings/" + id + "/otp", "{\"code\":\"" + third + "\"}").getBody()
                .path("status").asText()).isEqualTo("AWAITING_WECHAT_AUTHORIZATION");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aCodeAskedForWhileItsSendIsHeldIsAcceptedAsSendingWithRetryAfterAndNoError(CapturedOutput output) {
        String id = inOtpStep();
        Assertions.assertThat(post("/api/bindings/" + id + "/otp/send", "").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        // the send job is held (a node took it and died): time passes, the job does not run
        setClock(now().plusSeconds(5));
        ResponseEntity<JsonNode> soon = post("/api/bindings/" + id + "/otp/send", "");
        Assertions.assertThat(soon.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        Assertions.assertThat(soon.getBody().path("codeState").asText()).isEqualTo("PENDING");
        Assertions.assertThat(soon.getBody().path("sendsUsed").asInt()).isEqualTo(1);
        Assertions.assertThat(soon.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("55");   // cooldown over
        Assertions.assertThat(soon.getBody().path("retryAfterSeconds").asLong()).isEqualTo(55);

        setClock(now().plusSeconds(90));    // past the cooldown and any dead node's lock: the send job is being retried
        ResponseEntity<JsonNode> later = post("/api/bindings/" + id + "/otp/send", "");
        Assertions.assertThat(later.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        Assertions.assertThat(later.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        Assertions.assertThat(later.getBody().path("sendsUsed").asInt()).isEqualTo(1);

        clock("PT0S");                      // the job runs at last: one code, the first, and the step goes on
        String code = get("/sandbox/sms/demo-ok").getBody().path("code").asText();
        Assertions.assertThat(post("/api/bindings/" + id + "/otp", "{\"code\":\"" + code + "\"}").getBody()
                .path("status").asText()).isEqualTo("AWAITING_WECHAT_AUTHORIZATION");
        Assertions.assertThat(output.getAll()).doesNotContain("ENGINE-16004").doesNotContain(" ERROR ");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aStepTheProcessDoesNotWaitForIs409LoggedBelowError(CapturedOutput output) {
        String id = inOtpStep();
        sendAndReadCode(id);
        ApiProblem refused = Assertions.catchThrowableOfType(ApiProblem.class, () -> new TransactionTemplate(transactions)
                .executeWithoutResult(s -> steps.correlate(steps.lockInStatus(id, BindingStatus.AWAITING_OTP),
                        "OtpRequestedTwice", Map.of())));
        Assertions.assertThat(refused.status()).isEqualTo(HttpStatus.CONFLICT);
        Assertions.assertThat(refused.code()).isEqualTo("STEP_NOT_EXPECTED");
        Assertions.assertThat(output.getAll()).contains("is not waiting for OtpRequestedTwice")
                .doesNotContain("ENGINE-16004").doesNotContain(" ERROR ");
    }

    @Test
    void anExpiredCodeIsRefusedAndFiveWrongEntriesLockIt() {
        String id = inOtpStep();
        String first = sendAndReadCode(id);
        clock("PT5M");
        assertProblem(post("/api/bindings/" + id + "/otp", "{\"code\":\"" + first + "\"}"),
                HttpStatus.UNPROCESSABLE_ENTITY, "OTP_EXPIRED", "code");

        String second = sendAndReadCode(id);
        String wrong = second.equals("000000") ? "999999" : "000000";
        for (int i = 0; i < 4; i++) {
            assertProblem(post("/api/bindings/" + id + "/otp", "{\"code\":\"" + wrong + "\"}"),
                    HttpStatus.UNPROCESSABLE_ENTITY, "OTP_WRONG", "code");
        }
        assertProblem(post("/api/bindings/" + id + "/otp", "{\"code\":\"" + wrong + "\"}"),
                HttpStatus.UNPROCESSABLE_ENTITY, "OTP_LOCKED", "code");
        assertProblem(post("/api/bindings/" + id + "/otp", "{\"code\":\"" + second + "\"}"),
                HttpStatus.UNPROCESSABLE_ENTITY, "OTP_LOCKED", "code");
        JsonNode otp = get("/api/bindings/" + id).getBody().path("otp");
        Assertions.assertThat(otp.path("sendsUsed").asInt()).isEqualTo(2);
        Assertions.assertThat(otp.path("codeState").asText()).isEqualTo("LOCKED");
    }

    @Test
    void thirtyMinutesWithoutAStepExpireTheBinding() {
        String id = create("demo-ok").getBody().path("id").asText();
        clock("PT0S");
        clock("PT30M");
        JsonNode binding = get("/api/bindings/" + id).getBody();
        Assertions.assertThat(binding.path("status").asText()).isEqualTo("EXPIRED");
        Assertions.assertThat(binding.path("reasons").get(0).path("code").asText()).isEqualTo("NO_CUSTOMER_ACTIVITY");
        Assertions.assertThat(binding.path("endedAt").asText()).isNotEmpty();
    }

    @Test
    void theTestClockOnlyMovesForward() {
        String before = get("/sandbox/clock").getBody().path("now").asText();
        JsonNode moved = clock("PT2H");
        Assertions.assertThat(java.time.Instant.parse(moved.path("now").asText()))
                .isAfterOrEqualTo(java.time.Instant.parse(before).plusSeconds(7200));
        assertProblem(post("/sandbox/clock", "{\"advance\":\"-PT1M\"}"), HttpStatus.BAD_REQUEST, null, "advance");
        assertProblem(post("/sandbox/clock", "{\"advance\":\"soon\"}"), HttpStatus.BAD_REQUEST, null, "advance");
        assertProblem(get("/sandbox/sms/nobody"), HttpStatus.NOT_FOUND, "NO_SMS", null);
    }

    // ---- steps 4-6 ----------------------------------------------------------------------------------------

    /** In AWAITING_WECHAT_AUTHORIZATION, through the REST API only. */
    private String awaitingAuthorization() {
        String id = inOtpStep();
        String code = sendAndReadCode(id);
        Assertions.assertThat(post("/api/bindings/" + id + "/otp", "{\"code\":\"" + code + "\"}").getBody()
                .path("status").asText()).isEqualTo("AWAITING_WECHAT_AUTHORIZATION");
        clock("PT0S");
        return id;
    }

    @Test
    void theWholeBindingToActiveOverRestOnly() {
        String id = awaitingAuthorization();
        JsonNode waiting = get("/api/bindings/" + id).getBody();
        String page = waiting.path("wechat").path("authorizationUrl").asText();
        Assertions.assertThat(page).isEqualTo("/sandbox/wechat/authorizations/" + id);

        // step 4: the customer opens the binding permission on WeChat's page and puts Baitiao second
        Assertions.assertThat(post(page, "{\"action\":\"APPROVE\",\"priority\":2}").getStatusCode().is2xxSuccessful()).isTrue();
        clock("PT0S");   // WeChat's signed notification arrives, is stored and correlated
        Assertions.assertThat(get("/api/bindings/" + id).getBody().path("status").asText()).isEqualTo("AWAITING_PREFERENCES");

        // step 5: a per-transaction cap, then face recognition in poor light, then in good light
        JsonNode prefs = post("/api/bindings/" + id + "/preferences", "{\"perTransactionCap\":800.00}").getBody();
        Assertions.assertThat(prefs.path("status").asText()).isEqualTo("AWAITING_FACE_VERIFICATION");
        ResponseEntity<JsonNode> dark = post("/api/bindings/" + id + "/face", "{\"providerToken\":\"poor-lighting\"}");
        assertProblem(dark, HttpStatus.UNPROCESSABLE_ENTITY, "FACE_POOR_LIGHTING", "providerToken");
        Assertions.assertThat(dark.getBody().path("attemptsLeft").asInt()).isEqualTo(2);
        JsonNode face = post("/api/bindings/" + id + "/face", "{\"providerToken\":\"pass\"}").getBody();
        Assertions.assertThat(face.path("status").asText()).isEqualTo("VERIFYING_PAYMENT");

        // step 6: the 0.01 CNY test payment, refunded, proves the binding
        clock("PT0S");
        JsonNode active = get("/api/bindings/" + id).getBody();
        Assertions.assertThat(active.path("status").asText()).isEqualTo("ACTIVE");
        Assertions.assertThat(active.path("wechat").path("paymentPriority").asInt()).isEqualTo(2);
        Assertions.assertThat(active.path("wechat").path("perTransactionCap").decimalValue()).isEqualByComparingTo("800.00");
        Assertions.assertThat(active.path("wechat").path("activatedAt").asText()).isNotEmpty();
        Assertions.assertThat(active.path("history")).extracting(h -> h.path("status").asText()).containsExactly(
                "CHECKING_ELIGIBILITY", "AWAITING_AGREEMENT", "AWAITING_OTP", "AWAITING_WECHAT_AUTHORIZATION",
                "AWAITING_PREFERENCES", "AWAITING_FACE_VERIFICATION", "VERIFYING_PAYMENT", "ACTIVE");
        assertProblem(post("/api/bindings/" + id + "/cancel", ""), HttpStatus.CONFLICT, "WRONG_STATUS", null);
        assertProblem(create("demo-ok"), HttpStatus.CONFLICT, "BINDING_IN_PROGRESS", "userId");
    }

    @Test
    void preferencesAndFaceRefuseBadInputAndWrongStatus() {
        String id = awaitingAuthorization();
        assertProblem(post("/api/bindings/" + id + "/preferences", "{\"perTransactionCap\":100}"), HttpStatus.CONFLICT,
                "WRONG_STATUS", null);
        post("/sandbox/wechat/authorizations/" + id, "{\"action\":\"APPROVE\",\"priority\":1}");
        clock("PT0S");
        assertProblem(post("/api/bindings/" + id + "/preferences", "{\"perTransactionCap\":-5}"), HttpStatus.BAD_REQUEST,
                null, "perTransactionCap");
        assertProblem(post("/api/bindings/" + id + "/preferences", "{\"perTransactionCap\":\"lots\"}"),
                HttpStatus.BAD_REQUEST, null, "perTransactionCap");
        ResponseEntity<JsonNode> tooHigh = post("/api/bindings/" + id + "/preferences", "{\"perTransactionCap\":15000.01}");
        assertProblem(tooHigh, HttpStatus.UNPROCESSABLE_ENTITY, "CAP_EXCEEDS_AVAILABLE_CREDIT", "perTransactionCap");
        Assertions.assertThat(tooHigh.getBody().path("availableCredit").decimalValue()).isEqualByComparingTo("15000.00");
        assertProblem(post("/api/bindings/" + id + "/face", "{\"providerToken\":\"pass\"}"), HttpStatus.CONFLICT,
                "WRONG_STATUS", null);
        Assertions.assertThat(post("/api/bindings/" + id + "/preferences", "{\"perTransactionCap\":null}").getBody()
                .path("status").asText()).isEqualTo("AWAITING_FACE_VERIFICATION");
        assertProblem(post("/api/bindings/" + id + "/face", "{}"), HttpStatus.BAD_REQUEST, null, "providerToken");
        assertProblem(post("/api/bindings/" + id + "/face", "{\"providerToken\":\"photo.png\"}"), HttpStatus.BAD_REQUEST,
                null, "providerToken");

        ResponseEntity<JsonNode> spoof = post("/api/bindings/" + id + "/face", "{\"providerToken\":\"spoof\"}");
        assertProblem(spoof, HttpStatus.UNPROCESSABLE_ENTITY, "FACE_SPOOF_DETECTED", "providerToken");
        clock("PT0S");
        JsonNode failed = get("/api/bindings/" + id).getBody();
        Assertions.assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        Assertions.assertThat(failed.path("reasons")).extracting(r -> r.path("code").asText())
                .containsExactly("FACE_SPOOF_DETECTED", "WECHAT_AUTHORIZATION_REVOKED");
    }

    @Test
    void cancelOverRest() {
        String id = awaitingAuthorization();
        ResponseEntity<JsonNode> cancelled = post("/api/bindings/" + id + "/cancel", "");
        Assertions.assertThat(cancelled.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        Assertions.assertThat(cancelled.getBody().path("status").asText()).isEqualTo("UNDOING");
        clock("PT0S");
        Assertions.assertThat(get("/api/bindings/" + id).getBody().path("status").asText()).isEqualTo("CANCELLED");
        assertProblem(post("/api/bindings/" + id + "/cancel", ""), HttpStatus.CONFLICT, "WRONG_STATUS", null);
        assertProblem(post("/api/bindings/nope/cancel", ""), HttpStatus.NOT_FOUND, "BINDING_NOT_FOUND", null);
        Assertions.assertThat(create("demo-ok").getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void twentyConcurrentDuplicatesOfWeChatsNotificationCorrelateOnce() throws Exception {
        String id = awaitingAuthorization();
        // the customer approves on WeChat's page; WeChat's notification is stored (not yet handled), then WeChat
        // retries it 20 times at once: the same notification id, each delivery freshly signed
        JsonNode page = post("/sandbox/wechat/authorizations/" + id, "{\"action\":\"APPROVE\",\"priority\":3}").getBody();
        wechatNotifier.awaitDeliveries(java.time.Duration.ofSeconds(30));
        Assertions.assertThat(wechatInbox.list()).hasSize(1);
        String notificationId = wechatInbox.list().get(0).event().notificationId();
        String body = wechatNotifier.body(notificationId, com.bindflow.wechat.notification.WeChatEvent.CONTRACT_AUTHORIZED, "authorized",
                "contract", java.util.Map.of("contract_code", Binding.contractCodeOf(id), "binding_id", id, "user_id", "demo-ok",
                        "contract_id", page.path("contractId").asText(), "priority", 3));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(20);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.List<java.util.concurrent.Future<Integer>> replies = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            var signed = wechatNotifier.sign(body);                 // each duplicate freshly signed, as WeChat does
            replies.add(pool.submit(() -> {
                HttpHeaders headers = new HttpHeaders();
                signed.headers().forEach(headers::set);
                headers.setContentType(MediaType.APPLICATION_JSON);
                go.await();
                return anonymous.exchange("/api/wechat/notifications", HttpMethod.POST,
                        new HttpEntity<>(signed.body(), headers), String.class).getStatusCode().value();
            }));
        }
        go.countDown();
        for (var reply : replies) {
            Assertions.assertThat(reply.get()).isEqualTo(200);
        }
        // two inbox processors (two nodes) at once
        var processors = java.util.List.of(pool.submit(() -> wechatInbox.processPending()),
                pool.submit(() -> wechatInbox.processPending()));
        int handled = processors.get(0).get() + processors.get(1).get();
        pool.shutdown();
        Assertions.assertThat(handled).isEqualTo(1);
        Assertions.assertThat(wechatInbox.list()).hasSize(1);
        JsonNode binding = get("/api/bindings/" + id).getBody();
        Assertions.assertThat(binding.path("status").asText()).isEqualTo("AWAITING_PREFERENCES");
        Assertions.assertThat(binding.path("wechat").path("paymentPriority").asInt()).isEqualTo(3);
        Assertions.assertThat(binding.path("history")).filteredOn(h -> h.path("status").asText().equals("AWAITING_PREFERENCES"))
                .hasSize(1);
    }

    @Test
    void anOversizedNotificationIsRefusedUnread() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> r = anonymous.exchange("/api/wechat/notifications", HttpMethod.POST,
                new HttpEntity<>("x".repeat(70_000), headers), String.class);
        Assertions.assertThat(r.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
    }

    @Test
    void unbindingOverRestFromBothSides() {
        String jdSide = activeBinding("demo-ok");
        ResponseEntity<JsonNode> deleted = call(HttpMethod.DELETE, "/api/bindings/" + jdSide, null, null);
        Assertions.assertThat(deleted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        Assertions.assertThat(deleted.getBody().path("status").asText()).isEqualTo("UNBINDING");
        clock("PT0S");
        Assertions.assertThat(get("/api/bindings/" + jdSide).getBody().path("status").asText()).isEqualTo("UNBOUND");
        Assertions.assertThat(call(HttpMethod.DELETE, "/api/bindings/" + jdSide, null, null).getBody().path("status").asText())
                .isEqualTo("UNBOUND");

        String wechatSide = activeBinding("demo-3rdparty-off");
        Assertions.assertThat(post("/sandbox/wechat/contracts/" + wechatSide + "/terminate", "").getStatusCode())
                .isEqualTo(HttpStatus.OK);
        clock("PT0S");
        JsonNode unbound = get("/api/bindings/" + wechatSide).getBody();
        Assertions.assertThat(unbound.path("status").asText()).isEqualTo("UNBOUND");
        Assertions.assertThat(unbound.path("reasons").get(0).path("code").asText()).isEqualTo("UNBOUND_IN_WECHAT");

        assertProblem(call(HttpMethod.DELETE, "/api/bindings/nope", null, null), HttpStatus.NOT_FOUND, "BINDING_NOT_FOUND", null);
        String inProgress = create("demo-ok").getBody().path("id").asText();
        assertProblem(call(HttpMethod.DELETE, "/api/bindings/" + inProgress, null, null), HttpStatus.CONFLICT, "WRONG_STATUS", null);
    }

    @Test
    void bothChannelsToActiveAndBackToUnboundOverRest() {
        // JD app: we ask WeChat for the authorization; the customer chooses priority 1
        String jd = create("demo-ok").getBody().path("id").asText();
        clock("PT0S");
        JsonNode jdActive = api.toActive(jd, "demo-ok", false);
        Assertions.assertThat(jdActive.path("status").asText()).isEqualTo("ACTIVE");
        Assertions.assertThat(jdActive.path("channel").asText()).isEqualTo("JD_APP");
        Assertions.assertThat(jdActive.path("wechat").path("paymentPriority").asInt()).isEqualTo(1);
        call(HttpMethod.DELETE, "/api/bindings/" + jd, null, null);
        clock("PT0S");
        Assertions.assertThat(get("/api/bindings/" + jd).getBody().path("status").asText()).isEqualTo("UNBOUND");

        // WeChat wallet: the customer asks in the wallet, WeChat notifies us, we grant (Baitiao right after 零钱)
        ResponseEntity<JsonNode> asked = post("/sandbox/wechat/wallet/demo-ok/bind", "");
        Assertions.assertThat(asked.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String requestId = asked.getBody().path("requestId").asText();
        clock("PT0S");
        JsonNode started = get("/api/bindings?userId=demo-ok").getBody().get(0);
        String wallet = started.path("id").asText();
        Assertions.assertThat(started.path("channel").asText()).isEqualTo("WECHAT");
        Assertions.assertThat(started.path("wechat").path("requestId").asText()).isEqualTo(requestId);
        Assertions.assertThat(started.path("status").asText()).isEqualTo("AWAITING_AGREEMENT");
        JsonNode walletActive = api.toActive(wallet, "demo-ok", true);
        Assertions.assertThat(walletActive.path("status").asText()).isEqualTo("ACTIVE");
        Assertions.assertThat(walletActive.path("wechat").path("paymentPriority").asInt()).isEqualTo(2);
        Assertions.assertThat(get("/sandbox/wechat/bind-requests/" + requestId).getBody().path("state").asText())
                .isEqualTo("GRANTED");
        // the customer ends it in the wallet this time
        post("/sandbox/wechat/contracts/" + wallet + "/terminate", "");
        clock("PT0S");
        Assertions.assertThat(get("/api/bindings/" + wallet).getBody().path("status").asText()).isEqualTo("UNBOUND");

        // POST /api/bindings with channel WECHAT reaches the same start (no WeChat request id: granted all the same)
        ResponseEntity<JsonNode> rest = create(UUID.randomUUID().toString(), "{\"userId\":\"demo-ok\",\"channel\":\"WECHAT\"}");
        Assertions.assertThat(rest.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String viaRest = rest.getBody().path("id").asText();
        clock("PT0S");
        Assertions.assertThat(api.toActive(viaRest, "demo-ok", true).path("wechat").path("paymentPriority").asInt()).isEqualTo(2);
        Assertions.assertThat(call(HttpMethod.DELETE, "/api/bindings/" + viaRest, null, null).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        clock("PT0S");
        Assertions.assertThat(get("/api/bindings/" + viaRest).getBody().path("status").asText()).isEqualTo("UNBOUND");
    }

    @Test
    void theWalletEntryRefusesBadInput() {
        assertProblem(post("/sandbox/wechat/wallet/nobody/bind", ""), HttpStatus.NOT_FOUND, "UNKNOWN_USER", "userId");
        assertProblem(create(UUID.randomUUID().toString(),
                        "{\"userId\":\"demo-ok\",\"channel\":\"JD_APP\",\"wechatRequestId\":\"WXBR1\"}"),
                HttpStatus.BAD_REQUEST, null, "wechatRequestId");
        assertProblem(create(UUID.randomUUID().toString(),
                        "{\"userId\":\"demo-ok\",\"channel\":\"WECHAT\",\"wechatRequestId\":\"bad id!\"}"),
                HttpStatus.BAD_REQUEST, null, "wechatRequestId");
        Assertions.assertThat(bindingService.listByUser("demo-ok")).isEmpty();
    }
}
