package com.bindflow.sandbox.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import com.bindflow.wechat.notification.WeChatEvent;
import com.bindflow.wechat.notification.WeChatNotificationInbox;
import com.bindflow.support.WeChatTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * {@code /sandbox/wechat/authorizations/{bindingId}}: the customer on WeChat's authorization page, and the signed
 * notification the sandbox WeChat Pay sends to our endpoint (over HTTP, asynchronously) when they answer.
 */
class SandboxWeChatAuthorizationPageTest extends WeChatTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** The sandbox endpoints want a member of the group sandbox (the demo client jd-app is one). */
    private org.springframework.boot.test.web.client.TestRestTemplate sandbox() {
        return anonymous.withBasicAuth("jd-app", "jd-app-secret");
    }

    private ResponseEntity<JsonNode> answer(String bindingId, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return withJson(sandbox().exchange("/sandbox/wechat/authorizations/" + bindingId, HttpMethod.POST,
                new HttpEntity<>(body, headers), String.class));
    }

    private ResponseEntity<JsonNode> page(String bindingId) {
        return withJson(sandbox().getForEntity("/sandbox/wechat/authorizations/" + bindingId, String.class));
    }

    /** Asks for an authorization as the binding process would; returns the binding id. */
    private String requested(String userId) {
        String bindingId = UUID.randomUUID().toString();
        wechat.requestAuthorization("C" + bindingId.replace("-", "").substring(0, 31), bindingId, userId);
        return bindingId;
    }

    @Test
    void theAuthorizationUrlShowsThePage() {
        String bindingId = requested("demo-ok");
        String url = wechat.requestAuthorization("C" + bindingId.replace("-", "").substring(0, 31), bindingId, "demo-ok")
                .authorizationUrl();

        ResponseEntity<JsonNode> r = withJson(sandbox().getForEntity(url, String.class));

        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(r.getBody().path("state").asText()).isEqualTo("PENDING");
        assertThat(r.getBody().path("userId").asText()).isEqualTo("demo-ok");
        assertThat(r.getBody().path("actions")).extracting(JsonNode::asText)
                .containsExactly("APPROVE", "DECLINE", "ABANDON");
        assertProblem(page("no-such-binding"), HttpStatus.NOT_FOUND, "NO_AUTHORIZATION_REQUEST");
    }

    @Test
    void approveSendsASignedNotificationThatLandsInTheInboxWithThePriority() {
        String bindingId = requested("demo-ok");

        ResponseEntity<JsonNode> r = answer(bindingId, "{\"action\":\"APPROVE\",\"priority\":3}");

        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(r.getBody().path("state").asText()).isEqualTo("AUTHORIZED");
        assertThat(r.getBody().path("priority").asInt()).isEqualTo(3);
        assertThat(notifier.awaitDeliveries(WAIT)).isTrue();

        List<WeChatNotificationInbox.Entry> inboxEntries = inbox.list();
        assertThat(inboxEntries).singleElement().satisfies(e -> {
            assertThat(e.eventType()).isEqualTo(WeChatEvent.CONTRACT_AUTHORIZED);
            assertThat(e.state()).isEqualTo(WeChatNotificationInbox.State.PENDING);
            assertThat(e.resource()).containsEntry("priority", 3).containsEntry("binding_id", bindingId)
                    .containsEntry("user_id", "demo-ok")
                    .containsEntry("contract_code", "C" + bindingId.replace("-", "").substring(0, 31))
                    .containsEntry("contract_id", r.getBody().path("contractId").asText())
                    .containsEntry("operate_time", "2026-03-11T10:00:00+08:00");
            assertThat(notifier.deliveries(e.id())).singleElement()
                    .satisfies(d -> assertThat(d.status()).isEqualTo(200));
        });
        assertThat(nonceRows()).isOne();

        assertProblem(answer(bindingId, "{\"action\":\"DECLINE\"}"), HttpStatus.CONFLICT, "AUTHORIZATION_NOT_PENDING");
        assertThat(page(bindingId).getBody().path("actions")).isEmpty();
    }

    @Test
    void declineSendsContractDeclined() {
        String bindingId = requested("demo-ok");

        assertThat(answer(bindingId, "{\"action\":\"DECLINE\"}").getBody().path("state").asText()).isEqualTo("DECLINED");
        assertThat(notifier.awaitDeliveries(WAIT)).isTrue();

        assertThat(inbox.list()).singleElement().satisfies(e -> {
            assertThat(e.eventType()).isEqualTo(WeChatEvent.CONTRACT_DECLINED);
            assertThat(e.resource()).containsEntry("binding_id", bindingId).doesNotContainKeys("contract_id", "priority");
        });
    }

    @Test
    void abandonSendsNothing() {
        String bindingId = requested("demo-ok");

        assertThat(answer(bindingId, "{\"action\":\"ABANDON\"}").getBody().path("state").asText()).isEqualTo("ABANDONED");
        assertThat(notifier.awaitDeliveries(WAIT)).isTrue();

        assertThat(inboxRows()).isZero();
        assertThat(nonceRows()).isZero();
        assertProblem(answer(bindingId, "{\"action\":\"APPROVE\",\"priority\":1}"), HttpStatus.CONFLICT,
                "AUTHORIZATION_NOT_PENDING");
    }

    @Test
    void malformedAnswersAre400NamingTheFieldAndUnknownBindingsAre404() {
        String bindingId = requested("demo-ok");
        for (String body : new String[] {"{\"action\":\"APPROVE\"}", "{\"action\":\"APPROVE\",\"priority\":0}",
                "{\"action\":\"APPROVE\",\"priority\":11}"}) {
            ResponseEntity<JsonNode> r = answer(bindingId, body);
            assertProblem(r, HttpStatus.BAD_REQUEST, "INVALID_FIELD");
            assertThat(r.getBody().path("field").asText()).as(body).isEqualTo("priority");
        }
        for (String body : new String[] {"{}", "{\"action\":\"MAYBE\"}"}) {
            ResponseEntity<JsonNode> r = answer(bindingId, body);
            assertProblem(r, HttpStatus.BAD_REQUEST, "INVALID_FIELD");
            assertThat(r.getBody().path("field").asText()).as(body).isEqualTo("action");
        }
        ResponseEntity<JsonNode> notANumber = answer(bindingId, "{\"action\":\"APPROVE\",\"priority\":\"first\"}");
        assertThat(notANumber.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(notANumber.getBody().path("field").asText()).isEqualTo("priority");

        assertProblem(answer("no-such-binding", "{\"action\":\"APPROVE\",\"priority\":1}"), HttpStatus.NOT_FOUND,
                "NO_AUTHORIZATION_REQUEST");
        assertThat(wechat.authorizationOfBinding(bindingId).orElseThrow().state())
                .isEqualTo(SandboxWeChatPay.ContractState.PENDING);
        assertThat(notifier.awaitDeliveries(WAIT)).isTrue();
        assertThat(inboxRows()).isZero();
    }

    @Test
    void withDuplicatesEachCopyIsFreshlySignedAndStoredOnce() {
        notifier.setDuplicates(3);
        String bindingId = requested("demo-ok");

        answer(bindingId, "{\"action\":\"APPROVE\",\"priority\":1}");
        assertThat(notifier.awaitDeliveries(WAIT)).isTrue();

        WeChatNotificationInbox.Entry entry = inbox.list().get(0);
        assertThat(inboxRows()).isOne();
        assertThat(notifier.deliveries(entry.id())).hasSize(3).allSatisfy(d -> assertThat(d.accepted()).isTrue());
        assertThat(nonceRows()).as("three fresh nonces").isEqualTo(3);
    }

    @Test
    void aNotificationSentAfterTheTestClockMovedIsNotStale() {
        String bindingId = requested("demo-ok");
        setClock(now().plus(Duration.ofDays(2)));

        answer(bindingId, "{\"action\":\"APPROVE\",\"priority\":1}");
        assertThat(notifier.awaitDeliveries(WAIT)).isTrue();

        assertThat(inbox.list()).singleElement().satisfies(e -> assertThat(e.receivedAt()).isEqualTo(now()));
    }
}
