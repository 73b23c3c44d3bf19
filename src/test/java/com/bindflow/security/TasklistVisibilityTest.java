package com.bindflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.bindflow.support.BindflowSpringTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
 * What a reviewer sees through the engine REST API, with the calls Tasklist makes: the tasks of his candidate group
 * with their Camunda Form, and nothing of the other groups.
 */
@BindflowSpringTest
class TasklistVisibilityTest {

    static final String FORM = """
            {"schemaVersion":16,"id":"testForm","type":"default","components":[{"type":"textfield","key":"x","label":"X"}]}""";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ObjectMapper objectMapper;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;

    String deployment;
    String reviewTask;
    String riskTask;
    String reviewInstance;

    // per test (not per class): process test coverage records the processes run inside a test method
    @BeforeEach
    void deployAndStart() {
        deployment = repositoryService.createDeployment()
                .name("tasklist-visibility-test")
                .addString("tasklist-visibility-review.bpmn", process("tasklistVisibilityReview", "eligibility-reviewers"))
                .addString("tasklist-visibility-risk.bpmn", process("tasklistVisibilityRisk", "risk-reviewers"))
                .addString("tasklist-visibility-test.form", FORM)
                .deploy().getId();
        reviewInstance = runtimeService.startProcessInstanceByKey("tasklistVisibilityReview", Map.of("x", "hello")).getId();
        String riskInstance = runtimeService.startProcessInstanceByKey("tasklistVisibilityRisk").getId();
        reviewTask = taskService.createTaskQuery().processInstanceId(reviewInstance).singleResult().getId();
        riskTask = taskService.createTaskQuery().processInstanceId(riskInstance).singleResult().getId();
    }

    @AfterEach
    void undeploy() {
        repositoryService.deleteDeployment(deployment, true);
    }

    @Test
    void aReviewerSeesTheTasksOfHisGroupOnly() throws Exception {
        JsonNode tasks = get("reviewer1", "/engine-rest/task?candidateGroup=eligibility-reviewers");
        assertThat(ids(tasks)).contains(reviewTask).doesNotContain(riskTask);

        JsonNode all = get("reviewer1", "/engine-rest/task");
        assertThat(ids(all)).contains(reviewTask).doesNotContain(riskTask);

        JsonNode other = get("reviewer1", "/engine-rest/task?candidateGroup=risk-reviewers");
        assertThat(ids(other)).doesNotContain(riskTask);

        assertThat(exchange("reviewer1", HttpMethod.GET, "/engine-rest/task/" + riskTask, null).getStatusCode())
                .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
        assertThat(exchange("reviewer1", HttpMethod.GET, "/engine-rest/task/" + riskTask + "/deployed-form", null)
                .getStatusCode()).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);

        // and the other way round
        assertThat(ids(get("risk1", "/engine-rest/task"))).contains(riskTask).doesNotContain(reviewTask);
    }

    @Test
    void aReviewerSeesTheTasksThroughTheAllTasksFilter() throws Exception {
        JsonNode filters = get("reviewer1", "/engine-rest/filter?resourceType=Task&itemCount=true");
        String allTasks = null;
        for (JsonNode filter : filters) {
            if ("All tasks".equals(filter.path("name").asText())) {
                allTasks = filter.path("id").asText();
            }
        }
        assertThat(allTasks).as("the 'All tasks' filter of camunda.bpm.filter.create").isNotNull();

        // Tasklist lists a filter with POST /filter/{id}/list (HAL), sorted
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setAccept(List.of(MediaType.parseMediaType("application/hal+json")));
        ResponseEntity<String> listed = rest.withBasicAuth("reviewer1", "reviewer1").exchange(
                "/engine-rest/filter/" + allTasks + "/list?firstResult=0&maxResults=50", HttpMethod.POST,
                new HttpEntity<>("{\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}]}", headers), String.class);
        assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode hal = objectMapper.readTree(listed.getBody());
        assertThat(ids(hal.path("_embedded").path("task"))).contains(reviewTask).doesNotContain(riskTask);
        // the process definition embedded for the task list (name of the process shown in Tasklist)
        assertThat(hal.path("_embedded").path("processDefinition").toString()).contains("tasklistVisibilityReview");
    }

    @Test
    void aReviewerGetsTheCamundaFormOfHisTask() throws Exception {
        JsonNode form = get("reviewer1", "/engine-rest/task/" + reviewTask + "/form");
        assertThat(form.path("camundaFormRef").path("key").asText()).isEqualTo("testForm");

        ResponseEntity<String> deployed = exchange("reviewer1", HttpMethod.GET, "/engine-rest/task/" + reviewTask + "/deployed-form", null);
        assertThat(deployed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(objectMapper.readTree(deployed.getBody()).path("id").asText()).isEqualTo("testForm");

        JsonNode variables = get("reviewer1", "/engine-rest/task/" + reviewTask + "/form-variables");
        assertThat(variables.path("x").path("value").asText()).isEqualTo("hello");

        // the process definition of the task (Tasklist shows its name and diagram)
        JsonNode task = get("reviewer1", "/engine-rest/task/" + reviewTask);
        JsonNode definition = get("reviewer1", "/engine-rest/process-definition/" + task.path("processDefinitionId").asText());
        assertThat(definition.path("key").asText()).isEqualTo("tasklistVisibilityReview");
    }

    @Test
    void aReviewerCanCompleteHisTask() throws Exception {
        String instance = runtimeService.startProcessInstanceByKey("tasklistVisibilityReview", Map.of("x", "y")).getId();
        Task task = taskService.createTaskQuery().processInstanceId(instance).singleResult();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> claimed = rest.withBasicAuth("reviewer2", "reviewer2").exchange(
                "/engine-rest/task/" + task.getId() + "/claim", HttpMethod.POST,
                new HttpEntity<>("{\"userId\":\"reviewer2\"}", headers), String.class);
        assertThat(claimed.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        ResponseEntity<String> submitted = rest.withBasicAuth("reviewer2", "reviewer2").exchange(
                "/engine-rest/task/" + task.getId() + "/submit-form", HttpMethod.POST,
                new HttpEntity<>("{\"variables\":{\"x\":{\"value\":\"done\"}}}", headers), String.class);
        assertThat(submitted.getStatusCode()).as(submitted.getBody()).isIn(HttpStatus.OK, HttpStatus.NO_CONTENT);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
    }

    private JsonNode get(String user, String path) throws Exception {
        ResponseEntity<String> response = exchange(user, HttpMethod.GET, path, null);
        assertThat(response.getStatusCode()).as("GET %s as %s: %s", path, user, response.getBody()).isEqualTo(HttpStatus.OK);
        return objectMapper.readTree(response.getBody());
    }

    private ResponseEntity<String> exchange(String user, HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        return rest.withBasicAuth(user, user).exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    private static List<String> ids(JsonNode tasks) {
        List<String> ids = new ArrayList<>();
        tasks.forEach(t -> ids.add(t.path("id").asText()));
        return ids;
    }

    /** A process of one user task for the candidate group, with the Camunda Form {@code testForm}. */
    static String process(String key, String candidateGroup) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                                  xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                                  id="defs_%1$s" targetNamespace="https://bindflow.dev/test">
                  <bpmn:process id="%1$s" name="Visibility test %1$s" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="start"/>
                    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review"/>
                    <bpmn:userTask id="review" name="Review" camunda:candidateGroups="%2$s"
                                   camunda:formRef="testForm" camunda:formRefBinding="latest"/>
                    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end"/>
                    <bpmn:endEvent id="end"/>
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(key, candidateGroup);
    }
}
