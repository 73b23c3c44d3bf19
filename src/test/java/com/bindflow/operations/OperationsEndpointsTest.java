package com.bindflow.operations;

import static com.bindflow.shared.Jdbc.ts;

import com.bindflow.support.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Actuator behind the staff login: health open (status only), details, metrics and Prometheus for operators
 * (groups operators, camunda-admin); readiness out of service while a WeChat notification is stuck in the inbox.
 */
class OperationsEndpointsTest extends ApiTestSupport {

    private ResponseEntity<String> get(String path) {
        return anonymous.getForEntity(path, String.class);
    }

    private ResponseEntity<String> get(String user, String path) {
        return anonymous.withBasicAuth(user, user.equals("admin") ? "admin" : user).getForEntity(path, String.class);
    }

    @Test
    void anonymousGetsHealthUpWithoutDetails() throws Exception {
        ResponseEntity<String> health = get("/actuator/health");
        Assertions.assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode body = json.readTree(health.getBody());
        Assertions.assertThat(body.path("status").asText()).isEqualTo("UP");
        Assertions.assertThat(body.has("components")).as("no details for anonymous").isFalse();
        Assertions.assertThat(json.readTree(get("/actuator/health/liveness").getBody()).path("status").asText()).isEqualTo("UP");
        Assertions.assertThat(json.readTree(get("/actuator/health/readiness").getBody()).path("status").asText()).isEqualTo("UP");
        // a reviewer is staff but no operator: the status only as well
        Assertions.assertThat(json.readTree(get("reviewer1", "/actuator/health").getBody()).has("components")).isFalse();
    }

    @Test
    void operatorsSeeTheDetails() throws Exception {
        for (String operator : new String[] {"admin", "ops1"}) {
            JsonNode body = json.readTree(get(operator, "/actuator/health").getBody());
            Assertions.assertThat(body.path("components").has("db")).as(operator).isTrue();
            Assertions.assertThat(body.path("components").path("jobExecution").path("details").path("enabled").asBoolean(true))
                    .as("the tests run no job executor").isFalse();
            Assertions.assertThat(body.path("components").path("wechatInbox").path("status").asText()).isEqualTo("UP");
            JsonNode readiness = json.readTree(get(operator, "/actuator/health/readiness").getBody());
            Assertions.assertThat(readiness.path("components").has("db")).isTrue();
            Assertions.assertThat(readiness.path("components").has("jobExecution")).isTrue();
            Assertions.assertThat(readiness.path("components").has("wechatInbox")).isTrue();
        }
    }

    @Test
    void metricsArePrometheusForOperatorsOnly() {
        for (String path : new String[] {"/actuator/prometheus", "/actuator/metrics", "/actuator/info", "/actuator"}) {
            ResponseEntity<String> anon = get(path);
            Assertions.assertThat(anon.getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
            Assertions.assertThat(anon.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            Assertions.assertThat(anon.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic ");
            Assertions.assertThat(get("reviewer1", path).getStatusCode()).as(path).isEqualTo(HttpStatus.FORBIDDEN);
            Assertions.assertThat(anonymous.withBasicAuth("admin", "wrong").getForEntity(path, String.class).getStatusCode())
                    .isEqualTo(HttpStatus.UNAUTHORIZED);
            // an API client is no Camunda user
            Assertions.assertThat(anonymous.withBasicAuth("jd-app", "jd-app-secret").getForEntity(path, String.class)
                    .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        ResponseEntity<String> prometheus = get("ops1", "/actuator/prometheus");
        Assertions.assertThat(prometheus.getStatusCode()).isEqualTo(HttpStatus.OK);
        Assertions.assertThat(prometheus.getBody()).contains("jvm_memory_used_bytes");
        Assertions.assertThat(get("admin", "/actuator/metrics").getStatusCode()).isEqualTo(HttpStatus.OK);
        Assertions.assertThat(get("admin", "/actuator/info").getBody()).contains("bindflow");
    }

    @Test
    void readinessIsOutOfServiceWhileAWeChatNotificationIsStuckInTheInbox() throws Exception {
        jdbc.update("insert into wechat_notification (id, event_type, resource_type, summary, create_time, resource_json, "
                        + "received_at, state, attempts, next_attempt_at) values (?,?,?,?,?,?,?,?,?,?)",
                "stuck-1", "CONTRACT.AUTHORIZED", "encrypt-resource", "test", "2026-03-11T10:00:00+08:00", "{}",
                ts(now()), "PENDING", 3, ts(now().plus(Duration.ofHours(1))));
        advance(Duration.ofMinutes(4));
        Assertions.assertThat(get("/actuator/health/readiness").getStatusCode()).as("4 minutes: not stuck yet")
                .isEqualTo(HttpStatus.OK);

        setClock(now().plus(Duration.ofMinutes(2)));
        ResponseEntity<String> readiness = get("/actuator/health/readiness");
        Assertions.assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        Assertions.assertThat(json.readTree(readiness.getBody()).path("status").asText()).isEqualTo("OUT_OF_SERVICE");
        Assertions.assertThat(get("/actuator/health/liveness").getStatusCode()).as("alive all the same").isEqualTo(HttpStatus.OK);
        JsonNode inbox = json.readTree(get("ops1", "/actuator/health/readiness").getBody()).path("components").path("wechatInbox");
        Assertions.assertThat(inbox.path("status").asText()).isEqualTo("OUT_OF_SERVICE");
        Assertions.assertThat(inbox.path("details").path("stuck").asInt()).isEqualTo(1);

        jdbc.update("update wechat_notification set state = 'PROCESSED' where id = 'stuck-1'");
        Assertions.assertThat(get("/actuator/health/readiness").getStatusCode()).isEqualTo(HttpStatus.OK);
    }
}
