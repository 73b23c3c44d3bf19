package com.bindflow.support;

import com.bindflow.sandbox.wechat.SandboxWeChatNotifier;
import com.bindflow.sandbox.wechat.SandboxWeChatPay;
import com.bindflow.sandbox.wechat.SandboxWeChatPayKeys;
import com.bindflow.wechat.notification.WeChatEvent;
import com.bindflow.wechat.notification.WeChatNotificationController;
import com.bindflow.wechat.notification.WeChatNotificationInbox;
import com.bindflow.wechat.notification.WeChatNotificationReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The WeChat tests' base: the shared Spring context (via {@link ProcessTestSupport}), empty WeChat tables, the
 * sandbox notifier's settings as configured, and helpers to POST notifications to our endpoint.
 */
public abstract class WeChatTestSupport extends ProcessTestSupport {

    public static final String[] WECHAT_TABLES = {"wechat_notification", "wechat_nonce", "sandbox_wechat_payment",
            "sandbox_wechat_contract"};

    @Autowired
    protected TestRestTemplate anonymous;
    @Autowired
    protected ObjectMapper json;
    @Autowired
    protected SandboxWeChatNotifier notifier;
    @Autowired
    protected SandboxWeChatPayKeys keys;
    @Autowired
    protected WeChatNotificationInbox inbox;
    @Autowired
    protected WeChatNotificationReceiver receiver;
    @Autowired
    protected SandboxWeChatPay wechat;

    @BeforeEach
    protected void cleanWeChat() {
        Assertions.assertThat(notifier.awaitDeliveries(Duration.ofSeconds(30))).isTrue();
        for (String table : WECHAT_TABLES) {
            jdbc.update("delete from " + table);
        }
        notifier.resetSettings();
    }

    @AfterEach
    protected void settleWeChat() {
        Assertions.assertThat(notifier.awaitDeliveries(Duration.ofSeconds(30))).isTrue();
        notifier.resetSettings();
    }

    /** A resource as the sandbox's CONTRACT.AUTHORIZED carries it. */
    public static Map<String, Object> authorizedResource(String bindingId, int priority) {
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("contract_code", "C" + bindingId.replace("-", ""));
        resource.put("binding_id", bindingId);
        resource.put("user_id", "demo-ok");
        resource.put("contract_state", "AUTHORIZED");
        resource.put("contract_id", "Wx12345678901234567890123456");
        resource.put("priority", priority);
        resource.put("operate_time", "2026-03-11T10:00:00+08:00");
        return resource;
    }

    /** A freshly signed CONTRACT.AUTHORIZED notification with the given id. */
    protected SandboxWeChatNotifier.SignedNotification authorized(String notificationId) {
        return notifier.notification(notificationId, WeChatEvent.CONTRACT_AUTHORIZED, "签约成功",
                authorizedResource(UUID.randomUUID().toString(), 2));
    }

    protected ResponseEntity<JsonNode> post(SandboxWeChatNotifier.SignedNotification n) {
        return post(n.bodyBytes(), n.headers());
    }

    protected ResponseEntity<JsonNode> post(byte[] body, Map<String, String> wechatHeaders) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        wechatHeaders.forEach(headers::set);
        ResponseEntity<String> response = anonymous.exchange(WeChatNotificationController.PATH, HttpMethod.POST,
                new HttpEntity<>(body, headers), String.class);
        return withJson(response);
    }

    protected ResponseEntity<JsonNode> withJson(ResponseEntity<String> response) {
        try {
            JsonNode node = response.getBody() == null ? null : json.readTree(response.getBody());
            return new ResponseEntity<>(node, response.getHeaders(), response.getStatusCode());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
    }

    public static void assertProblem(ResponseEntity<JsonNode> r, HttpStatus status, String code) {
        Assertions.assertThat(r.getStatusCode()).as("%s", r.getBody()).isEqualTo(status);
        Assertions.assertThat(r.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        Assertions.assertThat(r.getBody().path("status").asInt()).isEqualTo(status.value());
        Assertions.assertThat(r.getBody().path("code").asText()).isEqualTo(code);
    }

    public static void assertSuccess(ResponseEntity<JsonNode> r) {
        Assertions.assertThat(r.getStatusCode()).as("%s", r.getBody()).isEqualTo(HttpStatus.OK);
        Assertions.assertThat(r.getBody().path("code").asText()).isEqualTo("SUCCESS");
    }

    protected int inboxRows() {
        return jdbc.queryForObject("select count(*) from wechat_notification", Integer.class);
    }

    protected int nonceRows() {
        return jdbc.queryForObject("select count(*) from wechat_nonce", Integer.class);
    }

    /** Nothing was kept of a refused notification. */
    protected void assertNothingKept() {
        Assertions.assertThat(inboxRows()).as("inbox rows").isZero();
        Assertions.assertThat(nonceRows()).as("nonces").isZero();
    }

    /** Stores a freshly signed notification through the receiver (no HTTP). */
    protected String store(String eventType) {
        String id = UUID.randomUUID().toString();
        SandboxWeChatNotifier.SignedNotification n = notifier.notification(id, eventType, "summary",
                authorizedResource(UUID.randomUUID().toString(), 1));
        receiver.receive(new WeChatNotificationReceiver.Headers(n.timestamp(), n.nonce(), n.signature(), n.serial(),
                n.signatureType()), n.body());
        return id;
    }
}
