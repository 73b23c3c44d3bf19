package com.bindflow.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.bindflow.support.JdAppApi;
import com.bindflow.unfreeze.UnfreezeProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The seed's case end to end over REST (SPEC §5): demo-ok binds; within 2 hours five cross-city offline scans close to
 * the 2000 limit freeze the credit line; every scenario is refused; the customer sends a travel proof; a risk reviewer
 * approves it in Tasklist (Camunda's REST API, as Tasklist calls it), seeing the attempts; the line is unfrozen and
 * the customer pays again. While frozen, no new binding is accepted from either app either.
 */
class SeedCaseEndToEndTest extends PaymentTestSupport {

    @Test
    void bindFreezeProveReviewUnfreezeAndPayAgain() {
        String bindingId = api.bindToActive("demo-ok");
        Instant activated = binding(bindingId).wechat().activatedAt();

        JsonNode last = null;
        String[][] scans = {{"10", "1950.00", "Shanghai"}, {"30", "1900.00", "Hangzhou"}, {"50", "1850.00", "Suzhou"},
                {"70", "1999.99", "Nanjing"}, {"110", "1800.00", "Hefei"}};
        for (String[] scan : scans) {
            setClock(activated.plus(Duration.ofMinutes(Long.parseLong(scan[0]))));
            last = authorize("demo-ok", Scenario.OFFLINE_SCAN, scan[1], scan[2]);
        }
        assertThat(decision(last)).isEqualTo("FROZEN");
        assertThat(reasons(last)).containsExactly("CROSS_CITY_SCAN_BURST");
        for (Scenario scenario : Scenario.values()) {
            assertThat(decision(authorize("demo-ok", scenario, "1.00", "Shanghai"))).as(scenario.name()).isEqualTo("FROZEN");
        }
        runJobs();   // the Unfreeze case starts
        // nor can the frozen customer bind anew, from either app: unbind, then try both entries
        assertThat(api.call(HttpMethod.DELETE, "/api/bindings/" + bindingId, null, null).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        api.clock("PT0S");
        assertProblem(api.post("/api/bindings", "rebind-1", "{\"userId\":\"demo-ok\",\"channel\":\"JD_APP\"}"),
                HttpStatus.CONFLICT, "CREDIT_LINE_FROZEN", "userId");
        String walletRequest = api.post("/sandbox/wechat/wallet/demo-ok/bind", "").getBody().path("requestId").asText();
        api.clock("PT0S");
        JsonNode refused = api.get("/sandbox/wechat/bind-requests/" + walletRequest).getBody();
        assertThat(refused.path("state").asText()).isEqualTo("REFUSED");
        assertThat(refused.path("refuseReason").asText()).contains("CREDIT_LINE_FROZEN");
        JsonNode account = api.get("/api/accounts/demo-ok").getBody();
        assertThat(account.path("frozen").asBoolean()).isTrue();
        assertThat(account.path("unfreezeReview").path("state").asText()).isEqualTo("AWAITING_PROOF");

        ResponseEntity<JsonNode> proof = api.post("/api/accounts/demo-ok/unfreeze-requests", "{\"trips\":["
                + "{\"city\":\"Shanghai\",\"startDate\":\"2026-03-10\",\"endDate\":\"2026-03-11\"},"
                + "{\"city\":\"Hefei\",\"startDate\":\"2026-03-11\",\"endDate\":\"2026-03-11\"}],"
                + "\"documentRef\":\"12306-E123456789\"}");
        assertThat(proof.getStatusCode()).as("%s", proof.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(proof.getBody().path("state").asText()).isEqualTo("UNDER_REVIEW");

        // Tasklist: risk1 sees the review; its form shows every attempt the burst rule counted beside the proof
        JdAppApi risk1 = new JdAppApi(anonymous, json, "risk1", "risk1");
        JsonNode tasks = risk1.get("/engine-rest/task?taskDefinitionKey=" + UnfreezeProcess.TASK_REVIEW).getBody();
        assertThat(tasks).hasSize(1);
        String task = tasks.get(0).path("id").asText();
        String evidence = risk1.get("/engine-rest/task/" + task + "/form-variables").getBody()
                .path("freezeEvidence").path("value").asText();
        assertThat(evidence).contains("CROSS_CITY_SCAN_BURST: 5 OFFLINE_SCAN attempts",
                "10:10 Shanghai OFFLINE_SCAN 1950.00 CNY to MERCHANT m-Shanghai: APPROVED",
                "10:30 Hangzhou OFFLINE_SCAN 1900.00 CNY to MERCHANT m-Hangzhou: DECLINED (OFFLINE_DAILY_LIMIT)",
                "10:50 Suzhou OFFLINE_SCAN 1850.00", "11:10 Nanjing OFFLINE_SCAN 1999.99",
                "11:50 Hefei OFFLINE_SCAN 1800.00 CNY to MERCHANT m-Hefei: FROZEN (CROSS_CITY_SCAN_BURST)");
        assertThat(risk1.post("/engine-rest/task/" + task + "/claim", "{\"userId\":\"risk1\"}")
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        ResponseEntity<JsonNode> decided = risk1.post("/engine-rest/task/" + task + "/submit-form",
                "{\"variables\":{\"reviewDecision\":{\"value\":\"APPROVE\"},"
                        + "\"reviewReason\":{\"value\":\"Train tickets match the cities and times.\"}}}");
        assertThat(decided.getStatusCode()).isIn(HttpStatus.OK, HttpStatus.NO_CONTENT);
        runJobs();

        account = api.get("/api/accounts/demo-ok").getBody();
        assertThat(account.path("frozen").asBoolean()).isFalse();
        assertThat(account.path("unfreezeReview").path("state").asText()).isEqualTo("UNFROZEN");
        advance(Duration.ofDays(1));
        api.bindToActive("demo-ok");   // binds again
        JsonNode again = authorize("demo-ok", Scenario.ONLINE, "100.00", "Shanghai");
        assertThat(decision(again)).isEqualTo("APPROVED");
    }
}
