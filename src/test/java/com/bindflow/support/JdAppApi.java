package com.bindflow.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.assertj.core.api.Assertions;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The REST API as the JD app backend (jd-app) calls it, answers read as JSON; and the sandbox test clock. */
public final class JdAppApi {

    private final TestRestTemplate rest;
    private final ObjectMapper json;

    public JdAppApi(TestRestTemplate anonymous, ObjectMapper json) {
        this(anonymous, json, "jd-app", "jd-app-secret");
    }

    /** Another API client of the sandbox, e.g. {@code jd-finance}. */
    public JdAppApi(TestRestTemplate anonymous, ObjectMapper json, String client, String secret) {
        this.rest = anonymous.withBasicAuth(client, secret);
        this.json = json;
    }

    public ResponseEntity<JsonNode> call(HttpMethod method, String path, String body, HttpHeaders extra) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (extra != null) {
            headers.addAll(extra);
        }
        ResponseEntity<String> response = rest.exchange(path, method, new HttpEntity<>(body, headers), String.class);
        try {
            JsonNode node = response.getBody() == null ? null : json.readTree(response.getBody());
            return new ResponseEntity<>(node, response.getHeaders(), response.getStatusCode());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
    }

    public ResponseEntity<JsonNode> post(String path, String body) {
        return call(HttpMethod.POST, path, body, null);
    }

    /** A POST with an {@code Idempotency-Key}. */
    public ResponseEntity<JsonNode> post(String path, String idempotencyKey, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("Idempotency-Key", idempotencyKey);
        return call(HttpMethod.POST, path, body, headers);
    }

    public ResponseEntity<JsonNode> get(String path) {
        return call(HttpMethod.GET, path, null, null);
    }

    /** Moves the sandbox test clock (PT0S: just runs what is due). */
    public JsonNode clock(String advance) {
        ResponseEntity<JsonNode> r = post("/sandbox/clock", "{\"advance\":\"" + advance + "\"}");
        Assertions.assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        return r.getBody();
    }

    /**
     * Steps 3–6 over REST for a binding that waits for the agreement (either channel), WeChat's side played as the
     * channel has it (the JD app: the customer approves WeChat's page, priority 1); the binding as it then is.
     */
    public JsonNode toActive(String bindingId, String userId, boolean walletEntry) {
        String base = "/api/bindings/" + bindingId;
        Assertions.assertThat(post(base + "/agreement", "{\"version\":\"2026.1\",\"accepted\":true}").getBody()
                .path("status").asText()).isEqualTo("AWAITING_OTP");
        Assertions.assertThat(post(base + "/otp/send", "").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        clock("PT0S");
        String code = get("/sandbox/sms/" + userId).getBody().path("code").asText();
        post(base + "/otp", "{\"code\":\"" + code + "\"}");
        clock("PT0S");
        if (!walletEntry) {
            post("/sandbox/wechat/authorizations/" + bindingId, "{\"action\":\"APPROVE\",\"priority\":1}");
            clock("PT0S");
        }
        Assertions.assertThat(post(base + "/preferences", "{}").getBody().path("status").asText())
                .isEqualTo("AWAITING_FACE_VERIFICATION");
        post(base + "/face", "{\"providerToken\":\"pass\"}");
        clock("PT0S");
        return get(base).getBody();
    }

    /** A binding from the JD app over REST, through every step to ACTIVE (asserted); its id. */
    public String bindToActive(String userId) {
        ResponseEntity<JsonNode> created = post("/api/bindings", java.util.UUID.randomUUID().toString(),
                "{\"userId\":\"" + userId + "\",\"channel\":\"JD_APP\"}");
        Assertions.assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String id = created.getBody().path("id").asText();
        clock("PT0S");
        Assertions.assertThat(toActive(id, userId, false).path("status").asText()).isEqualTo("ACTIVE");
        return id;
    }

    /** A problem+json answer with this status and, where not null, this code and field. */
    public static void assertProblem(ResponseEntity<JsonNode> r, HttpStatus status, String code, String field) {
        Assertions.assertThat(r.getStatusCode()).as("%s", r.getBody()).isEqualTo(status);
        Assertions.assertThat(r.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        Assertions.assertThat(r.getBody().path("status").asInt()).isEqualTo(status.value());
        if (code != null) {
            Assertions.assertThat(r.getBody().path("code").asText()).isEqualTo(code);
        }
        if (field != null) {
            Assertions.assertThat(r.getBody().path("field").asText()).isEqualTo(field);
        }
    }
}
