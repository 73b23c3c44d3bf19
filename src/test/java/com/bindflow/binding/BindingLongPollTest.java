package com.bindflow.binding;

import static com.bindflow.support.JdAppApi.assertProblem;

import com.bindflow.binding.otp.OtpChallenge;
import com.bindflow.binding.otp.OtpChallengeRepository;
import com.bindflow.shared.ChangeSignals;
import com.bindflow.shared.LongPoll;
import com.bindflow.support.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The JD app follows a binding with one request per change: {@code ETag}, {@code If-None-Match} and
 * {@code waitSeconds} on {@code GET /api/bindings/{id}}.
 */
class BindingLongPollTest extends ApiTestSupport {

    @Autowired
    private LongPoll longPoll;
    @Autowired
    private ChangeSignals signals;
    @Autowired
    private OtpChallengeRepository otpChallenges;

    private String create(String userId) {
        return api.post("/api/bindings", UUID.randomUUID().toString(), "{\"userId\":\"" + userId + "\",\"channel\":\"JD_APP\"}")
                .getBody().path("id").asText();
    }

    private ResponseEntity<JsonNode> get(String path, String ifNoneMatch) {
        HttpHeaders headers = new HttpHeaders();
        if (ifNoneMatch != null) {
            headers.setIfNoneMatch(ifNoneMatch);
        }
        return api.call(HttpMethod.GET, path, null, headers);
    }

    /** Until this many requests wait on this node (they are answered on the poll's own threads). */
    private void awaitWaiting(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (longPoll.waiting() != n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Assertions.assertThat(longPoll.waiting()).isEqualTo(n);
    }

    /** A request waiting up to 30 s for the binding to change from {@code etag}, once it waits. */
    private CompletableFuture<ResponseEntity<JsonNode>> waitFor(String id, String etag) throws InterruptedException {
        CompletableFuture<ResponseEntity<JsonNode>> waiting = CompletableFuture.supplyAsync(
                () -> get("/api/bindings/" + id + "?waitSeconds=30", etag));
        awaitWaiting(1);
        return waiting;
    }

    @Test
    void aBindingHasAnEntityTagAndTheSameTagGets304() {
        String id = create("demo-ok");
        ResponseEntity<JsonNode> first = api.get("/api/bindings/" + id);
        String etag = first.getHeaders().getETag();
        Assertions.assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"");
        Assertions.assertThat(api.get("/api/bindings/" + id).getHeaders().getETag()).isEqualTo(etag);

        ResponseEntity<JsonNode> same = get("/api/bindings/" + id, etag);
        Assertions.assertThat(same.getStatusCode()).isEqualTo(HttpStatus.NOT_MODIFIED);
        Assertions.assertThat(same.getHeaders().getETag()).isEqualTo(etag);
        Assertions.assertThat(get("/api/bindings/" + id, "\"older\"").getStatusCode()).isEqualTo(HttpStatus.OK);

        api.clock("PT0S");   // eligibility: AWAITING_AGREEMENT
        ResponseEntity<JsonNode> changed = get("/api/bindings/" + id, etag);
        Assertions.assertThat(changed.getStatusCode()).isEqualTo(HttpStatus.OK);
        Assertions.assertThat(changed.getBody().path("status").asText()).isEqualTo("AWAITING_AGREEMENT");
        Assertions.assertThat(changed.getHeaders().getETag()).isNotEqualTo(etag);
    }

    @Test
    void aWaitingRequestIsAnsweredWithTheNewStateOnceTheBindingChanges() throws Exception {
        String id = create("demo-ok");
        String etag = api.get("/api/bindings/" + id).getHeaders().getETag();
        CompletableFuture<ResponseEntity<JsonNode>> waiting = waitFor(id, etag);
        Assertions.assertThat(waiting).isNotDone();
        String scrape = anonymous.withBasicAuth("ops1", "ops1").getForObject("/actuator/prometheus", String.class);
        Assertions.assertThat(scrape).containsPattern("(?m)^bindflow_api_waiting_requests\\{[^}]*} 1\\.0$");

        api.clock("PT0S");   // the eligibility jobs run and commit: AWAITING_AGREEMENT
        ResponseEntity<JsonNode> answer = waiting.get(20, TimeUnit.SECONDS);   // well before the 30 s asked for
        Assertions.assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        Assertions.assertThat(answer.getBody().path("status").asText()).isEqualTo("AWAITING_AGREEMENT");
        Assertions.assertThat(answer.getHeaders().getETag()).isNotEqualTo(etag)
                .isEqualTo(api.get("/api/bindings/" + id).getHeaders().getETag());
        awaitWaiting(0);
    }

    @Test
    void withoutAChangeTheWaitEndsWith304AndTheSameTag() {
        String id = create("demo-ok");
        String etag = api.get("/api/bindings/" + id).getHeaders().getETag();
        ResponseEntity<JsonNode> answer = get("/api/bindings/" + id + "?waitSeconds=1", etag);
        Assertions.assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_MODIFIED);
        Assertions.assertThat(answer.getHeaders().getETag()).isEqualTo(etag);
        Assertions.assertThat(answer.getBody()).isNull();
    }

    @Test
    void aClientBehindIsAnsweredAtOnceAndWithoutATagOrWithAStarThereIsNothingToWaitFor() {
        String id = create("demo-ok");
        ResponseEntity<JsonNode> behind = get("/api/bindings/" + id + "?waitSeconds=30", "\"older\"");
        Assertions.assertThat(behind.getStatusCode()).isEqualTo(HttpStatus.OK);
        Assertions.assertThat(behind.getBody().path("status").asText()).isEqualTo("CHECKING_ELIGIBILITY");
        ResponseEntity<JsonNode> untagged = api.get("/api/bindings/" + id + "?waitSeconds=30");
        Assertions.assertThat(untagged.getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<JsonNode> any = get("/api/bindings/" + id + "?waitSeconds=30", "*");   // every state matches
        Assertions.assertThat(any.getStatusCode()).isEqualTo(HttpStatus.NOT_MODIFIED);
        Assertions.assertThat(longPoll.waiting()).isZero();
    }

    /**
     * The answer shows binding {@code id} with the tag a {@code GET} of it gives now, and names its address (an answer
     * from that address needs not: {@link #assertTaggedHere}).
     */
    private String assertTagged(ResponseEntity<JsonNode> answer, String id) {
        String etag = assertTaggedHere(answer, id);
        Assertions.assertThat(answer.getHeaders().getFirst(HttpHeaders.CONTENT_LOCATION)).isEqualTo("/api/bindings/" + id);
        return etag;
    }

    private String assertTaggedHere(ResponseEntity<JsonNode> answer, String id) {
        Assertions.assertThat(answer.getStatusCode().is2xxSuccessful()).as("%s", answer.getBody()).isTrue();
        Assertions.assertThat(answer.getBody().path("id").asText()).isEqualTo(id);
        String etag = answer.getHeaders().getETag();
        Assertions.assertThat(etag).isNotNull().isEqualTo(api.get("/api/bindings/" + id).getHeaders().getETag());
        return etag;
    }

    @Test
    void everyAnswerThatShowsTheBindingCarriesItsTagSoTheAppCanWaitRightAfterAStep() throws Exception {
        ResponseEntity<JsonNode> created = api.post("/api/bindings", UUID.randomUUID().toString(),
                "{\"userId\":\"demo-ok\",\"channel\":\"JD_APP\"}");
        String id = created.getBody().path("id").asText();
        String base = "/api/bindings/" + id;
        String tag = assertTagged(created, id);

        CompletableFuture<ResponseEntity<JsonNode>> waiting = waitFor(id, tag);   // no GET before the wait
        api.clock("PT0S");
        ResponseEntity<JsonNode> eligible = waiting.get(20, TimeUnit.SECONDS);
        Assertions.assertThat(eligible.getBody().path("status").asText()).isEqualTo("AWAITING_AGREEMENT");
        awaitWaiting(0);

        assertTagged(api.post(base + "/agreement", "{\"version\":\"2026.1\",\"accepted\":true}"), id);
        ResponseEntity<JsonNode> sent = api.post(base + "/otp/send", "");   // shows the code's progress, not the binding
        Assertions.assertThat(sent.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        Assertions.assertThat(sent.getHeaders().getETag()).isNull();
        api.clock("PT0S");
        String code = api.get("/sandbox/sms/demo-ok").getBody().path("code").asText();
        tag = assertTagged(api.post(base + "/otp", "{\"code\":\"" + code + "\"}"), id);
        waiting = waitFor(id, tag);
        api.clock("PT0S");   // the authorization request job: WeChat's page
        Assertions.assertThat(waiting.get(20, TimeUnit.SECONDS).getBody().path("wechat").path("authorizationUrl").asText())
                .isNotEmpty();
        awaitWaiting(0);
        api.post("/sandbox/wechat/authorizations/" + id, "{\"action\":\"APPROVE\",\"priority\":1}");
        api.clock("PT0S");
        assertTagged(api.post(base + "/preferences", "{}"), id);
        tag = assertTagged(api.post(base + "/face", "{\"providerToken\":\"pass\"}"), id);
        waiting = waitFor(id, tag);
        api.clock("PT0S");
        Assertions.assertThat(waiting.get(20, TimeUnit.SECONDS).getBody().path("status").asText()).isIn("VERIFYING_PAYMENT", "ACTIVE");
        awaitWaiting(0);
        api.clock("PT0S");
        Assertions.assertThat(api.get(base).getBody().path("status").asText()).isEqualTo("ACTIVE");
        ResponseEntity<JsonNode> unbinding = api.call(HttpMethod.DELETE, base, null, null);
        assertTaggedHere(unbinding, id);
        Assertions.assertThat(unbinding.getHeaders().getFirst(HttpHeaders.CONTENT_LOCATION)).isNull();

        ResponseEntity<JsonNode> list = api.get("/api/bindings?userId=demo-ok");   // a list is not one binding
        Assertions.assertThat(list.getHeaders().getETag()).isNull();
        Assertions.assertThat(list.getHeaders().getFirst(HttpHeaders.CONTENT_LOCATION)).isNull();

        String other = create("demo-overdue");   // cancelled before its eligibility is checked
        assertTagged(api.post("/api/bindings/" + other + "/cancel", ""), other);
    }

    @Test
    void aChangeAnotherNodeCommittedReachesTheWaitingRequest() throws Exception {
        String id = create("demo-ok");
        CompletableFuture<ResponseEntity<JsonNode>> waiting = waitFor(id, api.get("/api/bindings/" + id).getHeaders().getETag());
        jdbc.update("update binding set status_message = 'written elsewhere' where id = ?", id);   // no signal here
        ResponseEntity<JsonNode> answer = waiting.get(20, TimeUnit.SECONDS);   // the look again: every second
        Assertions.assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        Assertions.assertThat(answer.getBody().path("statusMessage").asText()).isEqualTo("written elsewhere");
    }

    @Test
    void badWaitSecondsIs400NamingItAndAnUnknownBinding404() {
        String id = create("demo-ok");
        String etag = api.get("/api/bindings/" + id).getHeaders().getETag();
        for (String bad : List.of("0", "31", "-1", "1.5", "abc", "")) {
            assertProblem(get("/api/bindings/" + id + "?waitSeconds=" + bad, etag), HttpStatus.BAD_REQUEST,
                    "INVALID_FIELD", "waitSeconds");
        }
        assertProblem(get("/api/bindings/no-such-binding?waitSeconds=5", etag), HttpStatus.NOT_FOUND, null, null);
        Assertions.assertThat(longPoll.waiting()).isZero();
    }

    @Test
    void theBindingsWritesAreHeardAfterTheirCommitOnlyOncePerTransaction() {
        String id = create("demo-ok");
        List<String> heard = new CopyOnWriteArrayList<>();
        Runnable leave = signals.listen(BindingChanges.key(id), () -> heard.add(id));
        try {
            TransactionTemplate tx = new TransactionTemplate(transactionManager);
            tx.executeWithoutResult(s -> {
                bindingRepository.recordFaceAttempts(id, 1);
                bindingRepository.recordActivation(id, now());
                s.setRollbackOnly();
            });
            Assertions.assertThat(heard).isEmpty();
            tx.executeWithoutResult(s -> {
                bindingRepository.recordFaceAttempts(id, 1);
                bindingRepository.recordAuthorization(id, "contract-1", 1);
                Assertions.assertThat(heard).isEmpty();
            });
            Assertions.assertThat(heard).containsExactly(id);
            heard.clear();
            tx.executeWithoutResult(s -> bindingRepository.changeStatus(id, BindingStatus.AWAITING_AGREEMENT, List.of(),
                    null, now()));
            Assertions.assertThat(heard).as("a status change").containsExactly(id);
            heard.clear();
            tx.executeWithoutResult(s -> otpChallenges.transition(id, 1, OtpChallenge.State.EXPIRED,
                    OtpChallenge.State.SENT));
            Assertions.assertThat(heard).as("the SMS code's state").containsExactly(id);
        } finally {
            leave.run();
        }
    }
}
