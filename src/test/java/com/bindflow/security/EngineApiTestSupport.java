package com.bindflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.bindflow.support.BindflowSpringTest;
import com.bindflow.support.WebappSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.List;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Base of the tests of the engine's entrances (engine REST API, the webapps' engine API): a deployed review process of
 * the eligibility reviewers, calls as a Camunda user with HTTP Basic or in a webapp session, problem assertions.
 */
@BindflowSpringTest
abstract class EngineApiTestSupport {

    static final String KEY = "queryGuardTest";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ObjectMapper json;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    FilterService filterService;
    @Autowired
    IdentityService identityService;
    @Autowired
    WrongCredentialThrottle throttle;

    String deployment;

    /** Deploys the review process ({@value #KEY}) and starts it {@code instances} times; the instances' ids. */
    List<String> reviewTasks(int instances) {
        deployment = repositoryService.createDeployment().name("engine-api-test")
                .addString("engine-api-test.bpmn", TasklistVisibilityTest.process(KEY, BindflowGroups.ELIGIBILITY_REVIEWERS))
                .deploy().getId();
        return java.util.stream.IntStream.range(0, instances)
                .mapToObj(i -> runtimeService.startProcessInstanceByKey(KEY).getId()).toList();
    }

    /**
     * Two review tasks, one of them due now, and a stored filter (by {@code admin}) of the review process; the
     * filter's id. A query with {@code dueAfterExpression: ${dateTime().minusYears(100).toDate()}} counts 1 of them.
     */
    String twoTasksOneDueAndAFilter(String filterName) {
        String dated = reviewTasks(2).get(0);
        org.camunda.bpm.engine.task.Task task = taskService.createTaskQuery().processInstanceId(dated).singleResult();
        task.setDueDate(new java.util.Date());
        taskService.saveTask(task);
        org.camunda.bpm.engine.filter.Filter filter = filterService.newTaskFilter(filterName).setOwner("admin")
                .setQuery(taskService.createTaskQuery().processDefinitionKey(KEY));
        return filterService.saveFilter(filter).getId();
    }

    @AfterEach
    void undeployAndForget() {
        if (deployment != null) {
            repositoryService.deleteDeployment(deployment, true);
        }
        throttle.clear();
    }

    /** A call as a Camunda user (password = id), the path sent as written (no template encoding). */
    ResponseEntity<String> basic(String user, HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        return rest.withBasicAuth(user, user).exchange(URI.create(rest.getRootUri() + path), method,
                new HttpEntity<>(body, headers), String.class);
    }

    WebappSession session(String user, String app) {
        WebappSession session = new WebappSession(rest);
        assertThat(session.login(user, user, app)).isEqualTo(HttpStatus.OK);
        return session;
    }

    long count(ResponseEntity<String> response) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return json.readTree(response.getBody()).path("count").asLong();
    }

    JsonNode assertProblem(ResponseEntity<String> response, HttpStatus status, String code) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        try {
            JsonNode problem = json.readTree(response.getBody());
            assertThat(problem.path("code").asText()).isEqualTo(code);
            return problem;
        } catch (Exception e) {
            throw new AssertionError(response.getBody(), e);
        }
    }
}
