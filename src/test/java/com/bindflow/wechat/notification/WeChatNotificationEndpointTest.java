package com.bindflow.wechat.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.bindflow.sandbox.wechat.SandboxWeChatNotifier;
import com.bindflow.support.WeChatTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wechat.pay.java.core.cipher.RSASigner;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** {@code POST /api/wechat/notifications}: what is accepted, what is refused, and that a refusal keeps nothing. */
class WeChatNotificationEndpointTest extends WeChatTestSupport {

    @Test
    void aGoodNotificationIsAnsweredSuccessAndStoredOnceWithoutHttpBasic() {
        String id = UUID.randomUUID().toString();
        SandboxWeChatNotifier.SignedNotification n = authorized(id);

        assertSuccess(post(n));

        assertThat(inboxRows()).isOne();
        assertThat(nonceRows()).isOne();
        WeChatNotificationInbox.Entry entry = inbox.find(id).orElseThrow();
        assertThat(entry.eventType()).isEqualTo(WeChatEvent.CONTRACT_AUTHORIZED);
        assertThat(entry.state()).isEqualTo(WeChatNotificationInbox.State.PENDING);
        assertThat(entry.attempts()).isZero();
        assertThat(entry.receivedAt()).isEqualTo(now());
        assertThat(entry.summary()).isEqualTo("签约成功");
        assertThat(entry.resourceType()).isEqualTo("encrypt-resource");
        assertThat(entry.resource()).containsEntry("priority", 2).containsEntry("user_id", "demo-ok")
                .containsEntry("contract_id", "Wx12345678901234567890123456").containsKeys("contract_code", "binding_id");
        assertThat(entry.event().string("priority")).isEqualTo("2");
    }

    @Test
    void theSameNotificationIdAgainWithANewNonceIsAcceptedAndChangesNothing() {
        String id = UUID.randomUUID().toString();
        SandboxWeChatNotifier.SignedNotification first = authorized(id);
        assertSuccess(post(first));
        WeChatNotificationInbox.Entry stored = inbox.find(id).orElseThrow();

        setClock(now().plusSeconds(30));
        SandboxWeChatNotifier.SignedNotification again = notifier.sign(first.body());
        assertThat(again.nonce()).isNotEqualTo(first.nonce());
        assertSuccess(post(again));
        // even with another body (WeChat re-encrypts), the id decides
        assertSuccess(post(authorized(id)));

        assertThat(inboxRows()).isOne();
        assertThat(inbox.find(id).orElseThrow()).isEqualTo(stored);
        assertThat(nonceRows()).isEqualTo(3);
    }

    @Test
    void aChangedBodyByteIsAnInvalidSignature() {
        SandboxWeChatNotifier.SignedNotification n = authorized(UUID.randomUUID().toString());
        byte[] body = n.bodyBytes();
        int at = n.body().indexOf("\"event_type\"") + 2;
        body[at] = (byte) (body[at] ^ 0x20); // "event_type" → "Event_type"

        assertProblem(post(body, n.headers()), HttpStatus.UNAUTHORIZED, "INVALID_SIGNATURE");
        assertNothingKept();

        // the forger burnt nothing: the genuine request with that nonce is still accepted
        assertSuccess(post(n));
        assertThat(inboxRows()).isOne();
    }

    @Test
    void aSignatureByAnotherKeyOrForAnotherSerialIsRefused() throws Exception {
        SandboxWeChatNotifier.SignedNotification n = authorized(UUID.randomUUID().toString());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair other = generator.generateKeyPair();
        String message = n.timestamp() + "\n" + n.nonce() + "\n" + n.body() + "\n";
        String forged = new RSASigner(keys.publicKeyId(), other.getPrivate()).sign(message).getSign();

        Map<String, String> headers = new LinkedHashMap<>(n.headers());
        headers.put(WeChatNotificationReceiver.SIGNATURE, forged);
        assertProblem(post(n.bodyBytes(), headers), HttpStatus.UNAUTHORIZED, "INVALID_SIGNATURE");

        headers = new LinkedHashMap<>(n.headers());
        headers.put(WeChatNotificationReceiver.SERIAL, "PUB_KEY_ID_SOMEONE_ELSE");
        assertProblem(post(n.bodyBytes(), headers), HttpStatus.UNAUTHORIZED, "INVALID_SIGNATURE");

        headers = new LinkedHashMap<>(n.headers());
        headers.put(WeChatNotificationReceiver.SIGNATURE, "not base64 at all!");
        assertProblem(post(n.bodyBytes(), headers), HttpStatus.UNAUTHORIZED, "INVALID_SIGNATURE");

        headers = new LinkedHashMap<>(n.headers());
        headers.put(WeChatNotificationReceiver.SIGNATURE_TYPE, "WECHATPAY2-SM2-WITH-SM3");
        assertProblem(post(n.bodyBytes(), headers), HttpStatus.UNAUTHORIZED, "INVALID_SIGNATURE");
        assertNothingKept();

        // without the optional Wechatpay-Signature-Type the SDK's default (RSA) applies
        headers = new LinkedHashMap<>(n.headers());
        headers.remove(WeChatNotificationReceiver.SIGNATURE_TYPE);
        assertSuccess(post(n.bodyBytes(), headers));
    }

    @Test
    void aTimestampMoreThanFiveMinutesFromTheEngineClockIsStale() {
        String body = authorized(UUID.randomUUID().toString()).body();
        long t = now().getEpochSecond();

        assertProblem(post(notifier.sign(body, t - 360, "nonce-old")), HttpStatus.UNAUTHORIZED, "STALE_TIMESTAMP");
        assertProblem(post(notifier.sign(body, t + 360, "nonce-future")), HttpStatus.UNAUTHORIZED, "STALE_TIMESTAMP");
        assertProblem(post(notifier.sign(body, t - 301, "nonce-edge")), HttpStatus.UNAUTHORIZED, "STALE_TIMESTAMP");
        assertNothingKept();

        assertSuccess(post(notifier.sign(body, t - 300, "nonce-5min-old")));
        assertSuccess(post(notifier.sign(body, t + 300, "nonce-5min-ahead")));
        assertThat(inboxRows()).isOne();
    }

    @Test
    void theWindowFollowsTheEngineClock() {
        SandboxWeChatNotifier.SignedNotification signedBefore = authorized(UUID.randomUUID().toString());

        setClock(now().plus(Duration.ofDays(3)));
        assertProblem(post(signedBefore), HttpStatus.UNAUTHORIZED, "STALE_TIMESTAMP");
        assertNothingKept();

        // signed with the moved clock (as the sandbox WeChat does): accepted
        SandboxWeChatNotifier.SignedNotification signedNow = notifier.sign(signedBefore.body());
        assertThat(Long.parseLong(signedNow.timestamp())).isEqualTo(now().getEpochSecond());
        assertSuccess(post(signedNow));
        assertThat(inboxRows()).isOne();
    }

    @Test
    void theExactSameRequestTwiceIsAReplayedNonce() {
        SandboxWeChatNotifier.SignedNotification n = authorized(UUID.randomUUID().toString());
        assertSuccess(post(n));

        setClock(now().plusSeconds(10));
        assertProblem(post(n), HttpStatus.UNAUTHORIZED, "REPLAYED_NONCE");

        // the nonce counts, whatever the body
        SandboxWeChatNotifier.SignedNotification other = notifier.sign(
                authorized(UUID.randomUUID().toString()).body(), now().getEpochSecond(), n.nonce());
        assertProblem(post(other), HttpStatus.UNAUTHORIZED, "REPLAYED_NONCE");
        assertThat(inboxRows()).isOne();
        assertThat(nonceRows()).isOne();
    }

    @Test
    void aTamperedCiphertextUnderAValidSignatureIsUndecryptable() throws Exception {
        String id = UUID.randomUUID().toString();
        ObjectNode body = (ObjectNode) json.readTree(authorized(id).body());
        ObjectNode resource = (ObjectNode) body.get("resource");
        byte[] ciphertext = Base64.getDecoder().decode(resource.get("ciphertext").asText());
        ciphertext[3] ^= 0x01;
        resource.put("ciphertext", Base64.getEncoder().encodeToString(ciphertext));

        assertProblem(post(notifier.sign(json.writeValueAsString(body))), HttpStatus.BAD_REQUEST, "UNDECRYPTABLE");

        resource.put("ciphertext", "%%% not base64 %%%");
        assertProblem(post(notifier.sign(json.writeValueAsString(body))), HttpStatus.BAD_REQUEST, "UNDECRYPTABLE");

        ObjectNode otherNonce = (ObjectNode) json.readTree(authorized(id).body());
        ((ObjectNode) otherNonce.get("resource")).put("nonce", "abcdefghijkl");
        assertProblem(post(notifier.sign(json.writeValueAsString(otherNonce))), HttpStatus.BAD_REQUEST, "UNDECRYPTABLE");
        assertNothingKept();
    }

    @Test
    void aSignedBodyThatIsNoNotificationIsMalformed() throws Exception {
        assertProblem(post(notifier.sign("this is not JSON")), HttpStatus.BAD_REQUEST, "MALFORMED_NOTIFICATION");
        assertProblem(post(notifier.sign("{\"id\":\"x\",\"event_type\":\"CONTRACT.AUTHORIZED\"}")),
                HttpStatus.BAD_REQUEST, "MALFORMED_NOTIFICATION");

        ObjectNode withoutId = (ObjectNode) json.readTree(authorized("x").body());
        withoutId.remove("id");
        ResponseEntity<JsonNode> r = post(notifier.sign(json.writeValueAsString(withoutId)));
        assertProblem(r, HttpStatus.BAD_REQUEST, "MALFORMED_NOTIFICATION");
        assertThat(r.getBody().path("field").asText()).isEqualTo("id");
        assertNothingKept();
    }

    @Test
    void aMissingHeaderIs400NamingIt() {
        SandboxWeChatNotifier.SignedNotification n = authorized(UUID.randomUUID().toString());
        for (String header : new String[] {WeChatNotificationReceiver.TIMESTAMP, WeChatNotificationReceiver.NONCE,
                WeChatNotificationReceiver.SIGNATURE, WeChatNotificationReceiver.SERIAL}) {
            Map<String, String> headers = new LinkedHashMap<>(n.headers());
            headers.remove(header);
            ResponseEntity<JsonNode> r = post(n.bodyBytes(), headers);
            assertProblem(r, HttpStatus.BAD_REQUEST, "INVALID_FIELD");
            assertThat(r.getBody().path("field").asText()).isEqualTo(header);
        }
        Map<String, String> headers = new LinkedHashMap<>(n.headers());
        headers.put(WeChatNotificationReceiver.TIMESTAMP, "yesterday");
        ResponseEntity<JsonNode> r = post(n.bodyBytes(), headers);
        assertProblem(r, HttpStatus.BAD_REQUEST, "INVALID_FIELD");
        assertThat(r.getBody().path("field").asText()).isEqualTo(WeChatNotificationReceiver.TIMESTAMP);

        ResponseEntity<JsonNode> empty = post(new byte[0], n.headers());
        assertProblem(empty, HttpStatus.BAD_REQUEST, "INVALID_FIELD");
        assertThat(empty.getBody().path("field").asText()).isEqualTo("body");
        assertNothingKept();
    }

    @Test
    void aBodyLargerThan64KiBIsRefused() {
        String padded = "{\"id\":\"x\",\"pad\":\"" + "x".repeat(WeChatNotificationReceiver.MAX_BODY_BYTES) + "\"}";
        SandboxWeChatNotifier.SignedNotification n = notifier.sign(padded);
        assertProblem(post(n), HttpStatus.PAYLOAD_TOO_LARGE, "BODY_TOO_LARGE");
        assertNothingKept();
    }

    @Test
    void nonceRowsExpireOnceTheirTimestampIsPastTheWindow() {
        assertSuccess(post(authorized(UUID.randomUUID().toString())));
        Instant stored = now();

        setClock(stored.plus(WeChatNotificationReceiver.NONCE_RETENTION));
        assertThat(receiver.deleteExpiredNonces()).isZero();
        setClock(stored.plus(WeChatNotificationReceiver.NONCE_RETENTION).plusSeconds(1));
        assertThat(receiver.deleteExpiredNonces()).isOne();
        assertThat(nonceRows()).isZero();
        assertThat(inboxRows()).isOne();
    }

    @Test
    void theBodyIsCheckedAsTheExactUtf8Bytes() {
        SandboxWeChatNotifier.SignedNotification n = authorized(UUID.randomUUID().toString());
        assertThat(n.body()).contains("签约成功");
        // the same characters in another encoding are other bytes: not what was signed
        byte[] gbk = n.body().getBytes(java.nio.charset.Charset.forName("GBK"));
        assertProblem(post(gbk, n.headers()), HttpStatus.UNAUTHORIZED, "INVALID_SIGNATURE");
        assertSuccess(post(n.body().getBytes(StandardCharsets.UTF_8), n.headers()));
    }
}
