package com.bindflow.unfreeze;

import com.bindflow.freeze.CreditLineFreezeService;
import com.bindflow.freeze.FreezeCause;
import com.bindflow.support.ProcessTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The Unfreeze review in Tasklist, through the engine REST calls Tasklist makes: risk reviewers see and decide the
 * review with its Camunda Form, risk supervisors the escalated one, nobody else either.
 */
class UnfreezeTasklistTest extends ProcessTestSupport {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ObjectMapper json;
    @Autowired
    CreditLineFreezeService freezes;
    @Autowired
    UnfreezeService unfreeze;

    private ResponseEntity<String> as(String user, HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        return rest.withBasicAuth(user, user).exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    private JsonNode get(String user, String path) throws Exception {
        ResponseEntity<String> r = as(user, HttpMethod.GET, path, null);
        Assertions.assertThat(r.getStatusCode()).as("GET %s as %s: %s", path, user, r.getBody()).isEqualTo(HttpStatus.OK);
        return json.readTree(r.getBody());
    }

    private List<String> visibleTasks(String user) throws Exception {
        List<String> ids = new ArrayList<>();
        get(user, "/engine-rest/task").forEach(t -> ids.add(t.path("id").asText()));
        return ids;
    }

    private String taskId(String definitionKey) {
        return engine.getTaskService().createTaskQuery().taskDefinitionKey(definitionKey).singleResult().getId();
    }

    @Test
    void riskReviewersDecideTheReviewWithItsFormAndSupervisorsGetTheEscalation() throws Exception {
        freezes.freeze(UnfreezeProcessTest.USER, FreezeCause.RISK, UnfreezeProcessTest.ATTEMPTS, "auth-1");
        runJobs();
        unfreeze.submit(UnfreezeProcessTest.USER, UnfreezeProcessTest.proof("doc-1"));
        String review = taskId(UnfreezeProcess.TASK_REVIEW);

        Assertions.assertThat(visibleTasks("risk1")).contains(review);
        Assertions.assertThat(visibleTasks("reviewer1")).doesNotContain(review);
        Assertions.assertThat(visibleTasks("supervisor1")).doesNotContain(review);
        Assertions.assertThat(as("reviewer1", HttpMethod.GET, "/engine-rest/task/" + review + "/deployed-form", null)
                .getStatusCode()).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);

        Assertions.assertThat(get("risk1", "/engine-rest/task/" + review + "/deployed-form").path("id").asText())
                .isEqualTo("unfreezeReview");
        JsonNode variables = get("risk1", "/engine-rest/task/" + review + "/form-variables");
        Assertions.assertThat(variables.path("freezeEvidence").path("value").asText()).contains("Shanghai 1950.00 10:05");
        Assertions.assertThat(variables.path("trips").path("value").asText()).contains("Beijing");
        Assertions.assertThat(variables.path("maskedName").path("value").asText()).isEqualTo("*伟");

        advance(Duration.ofHours(12));
        String escalated = taskId(UnfreezeProcess.TASK_ESCALATED_REVIEW);
        Assertions.assertThat(visibleTasks("supervisor1")).contains(escalated).doesNotContain(review);
        Assertions.assertThat(visibleTasks("risk1")).contains(review).doesNotContain(escalated);
        Assertions.assertThat(get("supervisor1", "/engine-rest/task/" + escalated + "/deployed-form").path("id").asText())
                .isEqualTo("unfreezeEscalatedReview");

        Assertions.assertThat(as("risk1", HttpMethod.POST, "/engine-rest/task/" + review + "/claim",
                "{\"userId\":\"risk1\"}").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        ResponseEntity<String> submitted = as("risk1", HttpMethod.POST, "/engine-rest/task/" + review + "/submit-form",
                "{\"variables\":{\"reviewDecision\":{\"value\":\"APPROVE\"},\"reviewReason\":{\"value\":\"Tickets match.\"}}}");
        Assertions.assertThat(submitted.getStatusCode()).as(submitted.getBody()).isIn(HttpStatus.OK, HttpStatus.NO_CONTENT);
        runJobs();

        Assertions.assertThat(freezes.isFrozen(UnfreezeProcessTest.USER)).isFalse();
        Assertions.assertThat(visibleTasks("supervisor1")).doesNotContain(escalated);
        UnfreezeCase ended = unfreeze.latestCase(UnfreezeProcessTest.USER).orElseThrow();
        UnfreezeRequest decided = unfreeze.latestRequest(ended.id()).orElseThrow();
        Assertions.assertThat(decided.decidedBy()).isEqualTo("risk1");
        Assertions.assertThat(decided.escalatedAt()).isNotNull();
    }
}
