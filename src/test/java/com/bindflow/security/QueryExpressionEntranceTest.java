package com.bindflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bindflow.support.WebappSession;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The task-query expression hole of Camunda 7.24 CE, entrance by entrance. Two tasks of the eligibility reviewers,
 * one with a due date: a query whose {@code orQueries} hold {@code dueAfterExpression} counts 1 where the same query
 * without it counts 2 — the engine evaluates the expression ({@link #theEngineEvaluatesAnExpressionInsideOrQueries}).
 * Each entrance refuses that query with a 400 problem naming the field, while a harmless control query (the same
 * criterion as a literal date) passes with the count the expression would have given.
 */
class QueryExpressionEntranceTest extends EngineApiTestSupport {

    static final String EXPRESSION = "${dateTime().minusYears(100).toDate()}";
    static final String WITH_EXPRESSION = """
            {"processDefinitionKey":"%s","orQueries":[{"dueAfterExpression":"%s"}]}""".formatted(KEY, EXPRESSION);
    static final String CONTROL = """
            {"processDefinitionKey":"%s","orQueries":[{"dueAfter":"1926-01-01T00:00:00.000+0000"}]}""".formatted(KEY);
    static final String EXTENDING_WITH_EXPRESSION = """
            {"orQueries":[{"dueAfterExpression":"%s"}]}""".formatted(EXPRESSION);
    static final String EXTENDING_CONTROL = """
            {"orQueries":[{"dueAfter":"1926-01-01T00:00:00.000+0000"}]}""";
    static final String FIELD = "orQueries[0].dueAfterExpression";

    String filterId;

    @org.springframework.beans.factory.annotation.Autowired
    StoredFilters storedFilters;

    @BeforeEach
    void twoTasksOneDue() {
        filterId = twoTasksOneDueAndAFilter("query guard test");
    }

    @AfterEach
    void deleteTheFilter() {
        filterService.deleteFilter(filterId);
    }

    // ---- the hole, in the engine itself ---------------------------------------------------------------------------

    @Test
    void theEngineEvaluatesAnExpressionInsideOrQueries() {
        assertThat(engineCount(() -> taskService.createTaskQuery().processDefinitionKey(KEY))).isEqualTo(2);
        assertThat(engineCount(() -> taskService.createTaskQuery().processDefinitionKey(KEY)
                .or().dueAfterExpression(EXPRESSION).endOr())).isEqualTo(1);
        // at the top level the engine refuses it itself
        assertThatThrownBy(() -> engineCount(() -> taskService.createTaskQuery().dueAfterExpression(EXPRESSION)))
                .isInstanceOf(BadUserRequestException.class);
        // and the query sent along with a filter's execution is evaluated, at any level
        assertThat(engineFilterCount(null)).isEqualTo(2);
        assertThat(engineFilterCount(taskService.createTaskQuery().or().dueAfterExpression(EXPRESSION).endOr())).isEqualTo(1);
    }

    // ---- the engine REST API ----------------------------------------------------------------------------------------

    @Test
    void engineRestTaskCountRefusesAnExpressionInOrQueries() throws Exception {
        assertEvaluatedByTheEngine();
        assertRefused(basic("reviewer1", HttpMethod.POST, "/engine-rest/task/count", WITH_EXPRESSION), FIELD);
        assertThat(count(basic("reviewer1", HttpMethod.POST, "/engine-rest/task/count", CONTROL))).isEqualTo(1);
    }

    @Test
    void engineRestTaskListRefusesAnExpressionInOrQueries() throws Exception {
        assertEvaluatedByTheEngine();
        assertRefused(basic("reviewer1", HttpMethod.POST, "/engine-rest/task", WITH_EXPRESSION), FIELD);
        assertThat(json.readTree(basic("reviewer1", HttpMethod.POST, "/engine-rest/task", CONTROL).getBody())).hasSize(1);
    }

    @Test
    void engineRestGetRefusesAnExpressionParameter() throws Exception {
        String expression = java.net.URLEncoder.encode(EXPRESSION, java.nio.charset.StandardCharsets.UTF_8);
        assertRefused(basic("reviewer1", HttpMethod.GET, "/engine-rest/task/count?processDefinitionKey=" + KEY
                + "&dueAfterExpression=" + expression, null), "dueAfterExpression");
        assertRefused(basic("reviewer1", HttpMethod.GET, "/engine-rest/task?processDefinitionKey=" + KEY
                + "&assignee=" + java.net.URLEncoder.encode("#{x}", java.nio.charset.StandardCharsets.UTF_8), null), "assignee");
        assertThat(count(basic("reviewer1", HttpMethod.GET, "/engine-rest/task/count?processDefinitionKey=" + KEY, null)))
                .isEqualTo(2);
    }

    @Test
    void engineRestUnderTheEngineNameRefusesAnExpression() throws Exception {
        assertEvaluatedByTheEngine();
        assertRefused(basic("reviewer1", HttpMethod.POST, "/engine-rest/engine/default/task/count", WITH_EXPRESSION), FIELD);
        assertThat(count(basic("reviewer1", HttpMethod.POST, "/engine-rest/engine/default/task/count", CONTROL))).isEqualTo(1);
    }

    @Test
    void engineRestRefusesAdministratorsToo() throws Exception {
        assertRefused(basic("admin", HttpMethod.POST, "/engine-rest/task/count", WITH_EXPRESSION), FIELD);
        assertThat(count(basic("admin", HttpMethod.POST, "/engine-rest/task/count", CONTROL))).isEqualTo(1);
    }

    @Test
    void otherSpellingsOfAnExpressionAreRefused() {
        String count = "/engine-rest/task/count";
        // another case of the field name, an escaped "$", a deferred expression, a value nested deeper
        assertRefused(basic("reviewer1", HttpMethod.POST, count,
                "{\"orQueries\":[{\"DueAfterEXPRESSION\":\"x\"}]}"), "orQueries[0].DueAfterEXPRESSION");
        assertRefused(basic("reviewer1", HttpMethod.POST, count,
                "{\"orQueries\":[{\"assignee\":\"\\u0024{x}\"}]}"), "orQueries[0].assignee");
        assertRefused(basic("reviewer1", HttpMethod.POST, count,
                "{\"orQueries\":[{\"assignee\":\"#{x}\"}]}"), "orQueries[0].assignee");
        assertRefused(basic("reviewer1", HttpMethod.POST, count,
                "{\"processVariables\":[{\"name\":\"a\",\"operator\":\"eq\",\"value\":\"${x}\"}]}"), "processVariables[0].value");
        // JSON that a reader could take more than one way is refused rather than passed unchecked
        assertProblem(basic("reviewer1", HttpMethod.POST, count,
                "{\"assignee\":\"a\",\"assignee\":\"b\"}"), HttpStatus.BAD_REQUEST, "INVALID_FIELD");
        assertProblem(basic("reviewer1", HttpMethod.POST, count, "{\"orQueries\":["), HttpStatus.BAD_REQUEST, "INVALID_FIELD");
    }

    @Test
    void otherSpellingsOfThePathAreGuarded() {
        for (String path : List.of("/engine-rest/task/count/", "/engine-rest//task//count", "/engine-rest/./task/count",
                "/engine-rest/task;x=1/count", "/engine-rest/%74ask/count")) {
            ResponseEntity<String> response = basic("reviewer1", HttpMethod.POST, path, WITH_EXPRESSION);
            assertThat(response.getStatusCode()).as(path).isIn(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND);
            assertThat(response.getBody()).as(path).doesNotContain("\"count\"");
        }
    }

    /** Camunda cannot read orQueries from a query string (it answered 500): a 400 naming them. */
    @Test
    void engineRestGetWithOrQueriesParameterIsRefused() {
        String orQueries = java.net.URLEncoder.encode("[{\"assignee\":\"x\"}]", java.nio.charset.StandardCharsets.UTF_8);
        JsonNode problem = assertProblem(basic("reviewer1", HttpMethod.GET, "/engine-rest/task/count?orQueries=" + orQueries,
                null), HttpStatus.BAD_REQUEST, "INVALID_FIELD");
        assertThat(problem.path("field").asText()).isEqualTo("orQueries");
        assertProblem(basic("reviewer1", HttpMethod.GET, "/engine-rest/task?orQueries=x", null), HttpStatus.BAD_REQUEST,
                "INVALID_FIELD");
    }

    /**
     * A filter stored past the guard (the Java API, the database) with another expression than Tasklist's: found by
     * the start-up scan (logged at WARN) and not executed, by anyone.
     */
    @Test
    void aStoredFilterWithAnotherExpressionIsReportedAndNotExecuted() {
        Filter stored = filterService.newTaskFilter("stored past the guard").setOwner("admin")
                .setQuery(taskService.createTaskQuery().processDefinitionKey(KEY).or().taskAssigneeExpression("${x.toString()}").endOr());
        String id = filterService.saveFilter(stored).getId();
        try {
            assertThat(storedFilters.scan()).contains(id).doesNotContain(filterId);
            for (String execution : List.of("count", "list")) {
                JsonNode problem = assertProblem(basic("admin", HttpMethod.GET, "/engine-rest/filter/" + id + "/" + execution,
                        null), HttpStatus.FORBIDDEN, "FILTER_REFUSED");
                assertThat(problem.path("field").asText()).startsWith("query.orQueries[0]");
            }
            assertProblem(session("reviewer1", "tasklist").exchange(HttpMethod.POST,
                    "/camunda/api/engine/engine/default/filter/" + id + "/count", "{}"), HttpStatus.FORBIDDEN, "FILTER_REFUSED");
        } finally {
            filterService.deleteFilter(id);
        }
    }

    // ---- the webapps' engine API (Tasklist, Cockpit) -----------------------------------------------------------------

    @Test
    void webappEngineApiRefusesAnExpressionInOrQueries() throws Exception {
        assertEvaluatedByTheEngine();
        WebappSession tasklist = session("reviewer1", "tasklist");
        assertRefused(tasklist.exchange(HttpMethod.POST, "/camunda/api/engine/engine/default/task/count", WITH_EXPRESSION), FIELD);
        assertRefused(tasklist.exchange(HttpMethod.POST, "/camunda/api/engine/engine/default/task", WITH_EXPRESSION), FIELD);
        assertThat(count(tasklist.exchange(HttpMethod.POST, "/camunda/api/engine/engine/default/task/count", CONTROL)))
                .isEqualTo(1);
    }

    // ---- a stored filter executed with a query sent along ------------------------------------------------------------

    @Test
    void engineRestFilterExecutionRefusesAnExpressionInTheExtendingQuery() throws Exception {
        assertThat(engineFilterCount(taskService.createTaskQuery().or().dueAfterExpression(EXPRESSION).endOr()))
                .isEqualTo(1).isNotEqualTo(engineFilterCount(null));
        for (String execution : List.of("count", "list", "singleResult")) {
            assertRefused(basic("reviewer1", HttpMethod.POST, "/engine-rest/filter/" + filterId + "/" + execution,
                    EXTENDING_WITH_EXPRESSION), FIELD);
        }
        assertRefused(basic("reviewer1", HttpMethod.POST, "/engine-rest/filter/" + filterId + "/count",
                "{\"dueAfterExpression\":\"" + EXPRESSION + "\"}"), "dueAfterExpression");
        assertRefused(basic("reviewer1", HttpMethod.GET, "/engine-rest/filter/" + filterId + "/list?dueAfterExpression=x",
                null), "dueAfterExpression");
        assertThat(count(basic("reviewer1", HttpMethod.POST, "/engine-rest/filter/" + filterId + "/count", EXTENDING_CONTROL)))
                .isEqualTo(1);
        assertThat(count(basic("reviewer1", HttpMethod.GET, "/engine-rest/filter/" + filterId + "/count", null))).isEqualTo(2);
    }

    @Test
    void webappFilterExecutionRefusesAnExpressionInTheExtendingQuery() throws Exception {
        assertThat(engineFilterCount(taskService.createTaskQuery().or().dueAfterExpression(EXPRESSION).endOr()))
                .isEqualTo(1).isNotEqualTo(engineFilterCount(null));
        WebappSession tasklist = session("reviewer1", "tasklist");
        String base = "/camunda/api/engine/engine/default/filter/" + filterId;
        assertRefused(tasklist.exchange(HttpMethod.POST, base + "/list?firstResult=0&maxResults=15", EXTENDING_WITH_EXPRESSION),
                FIELD);
        assertRefused(tasklist.exchange(HttpMethod.POST, base + "/count", EXTENDING_WITH_EXPRESSION), FIELD);
        assertThat(count(tasklist.exchange(HttpMethod.POST, base + "/count", EXTENDING_CONTROL))).isEqualTo(1);
    }

    /** What Tasklist itself sends (its task list, "match all" and "match any" searches, the filter list) passes. */
    @Test
    void tasklistsOwnQueriesPass() throws Exception {
        WebappSession tasklist = session("reviewer1", "tasklist");
        String base = "/camunda/api/engine/engine/default/filter/";
        ResponseEntity<String> filters = tasklist.exchange(HttpMethod.GET, base + "?resourceType=Task&itemCount=true", null);
        assertThat(filters.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(filters.getBody()).contains(filterId);

        String matchAll = """
                {"processVariables":[],"taskVariables":[],"caseInstanceVariables":[],
                 "sorting":[{"sortBy":"created","sortOrder":"desc"}],"active":true}""";
        MediaType hal = MediaType.parseMediaType("application/hal+json");
        ResponseEntity<String> list = tasklist.exchange(HttpMethod.POST, base + filterId + "/list?firstResult=0&maxResults=15",
                matchAll, hal);
        assertThat(list.getStatusCode()).as(list.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(json.readTree(list.getBody()).path("_embedded").path("task")).hasSize(2);

        String matchAny = """
                {"orQueries":[{"processVariables":[],"taskVariables":[],"caseInstanceVariables":[],"nameLike":"%Review%"}],
                 "sorting":[{"sortBy":"dueDate","sortOrder":"asc"}],"active":true}""";
        ResponseEntity<String> any = tasklist.exchange(HttpMethod.POST, base + filterId + "/list?firstResult=0&maxResults=15",
                matchAny, hal);
        assertThat(any.getStatusCode()).as(any.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(json.readTree(any.getBody()).path("_embedded").path("task")).hasSize(2);
        assertThat(count(tasklist.exchange(HttpMethod.POST, base + filterId + "/count", matchAll))).isEqualTo(2);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------------

    /** The engine, as reviewer1, counts 1 with the expression where it counts 2 without: it evaluates it. */
    private void assertEvaluatedByTheEngine() {
        long without = engineCount(() -> taskService.createTaskQuery().processDefinitionKey(KEY));
        long with = engineCount(() -> taskService.createTaskQuery().processDefinitionKey(KEY)
                .or().dueAfterExpression(EXPRESSION).endOr());
        assertThat(with).isEqualTo(1).isNotEqualTo(without);
    }

    private long engineCount(Supplier<TaskQuery> query) {
        identityService.setAuthentication("reviewer1", List.of(BindflowGroups.ELIGIBILITY_REVIEWERS));
        try {
            return query.get().count();
        } finally {
            identityService.clearAuthentication();
        }
    }

    private long engineFilterCount(TaskQuery extending) {
        identityService.setAuthentication("reviewer1", List.of(BindflowGroups.ELIGIBILITY_REVIEWERS));
        try {
            return extending == null ? filterService.count(filterId) : filterService.count(filterId, extending);
        } finally {
            identityService.clearAuthentication();
        }
    }

    private void assertRefused(ResponseEntity<String> response, String field) {
        JsonNode problem = assertProblem(response, HttpStatus.BAD_REQUEST, "QUERY_EXPRESSION_REFUSED");
        assertThat(problem.path("field").asText()).isEqualTo(field);
    }
}
