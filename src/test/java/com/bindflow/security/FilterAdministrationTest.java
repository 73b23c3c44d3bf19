package com.bindflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.bindflow.support.WebappSession;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Stored filters: only administrators create, change or delete them, on either entrance; what an administrator saves
 * may use Tasklist's usual expressions (still evaluated for each user) and nothing else.
 */
class FilterAdministrationTest extends EngineApiTestSupport {

    final List<String> filters = new ArrayList<>();

    @BeforeEach
    void twoReviewTasks() {
        reviewTasks(2);
    }

    @AfterEach
    void deleteTheFilters() {
        filters.forEach(filterService::deleteFilter);
    }

    static String filter(String query) {
        return """
                {"resourceType":"Task","name":"filter administration test","owner":"admin","query":%s,
                 "properties":{"color":"#555555","description":"test","variables":[{"name":"x","label":"X ${not evaluated}"}]}}"""
                .formatted(query);
    }

    @Test
    void onlyAdministratorsMayCreateChangeOrDeleteFilters() throws Exception {
        String ok = filter("{\"processDefinitionKey\":\"" + KEY + "\"}");
        assertProblem(basic("reviewer1", HttpMethod.POST, "/engine-rest/filter/create", ok), HttpStatus.FORBIDDEN, "ADMIN_ONLY");
        WebappSession tasklist = session("reviewer1", "tasklist");
        assertProblem(tasklist.exchange(HttpMethod.POST, "/camunda/api/engine/engine/default/filter/create", ok),
                HttpStatus.FORBIDDEN, "ADMIN_ONLY");

        String id = created(basic("admin", HttpMethod.POST, "/engine-rest/filter/create", ok));
        assertProblem(basic("reviewer1", HttpMethod.PUT, "/engine-rest/filter/" + id, ok), HttpStatus.FORBIDDEN, "ADMIN_ONLY");
        assertProblem(tasklist.exchange(HttpMethod.PUT, "/camunda/api/engine/engine/default/filter/" + id, ok),
                HttpStatus.FORBIDDEN, "ADMIN_ONLY");
        assertProblem(basic("reviewer1", HttpMethod.DELETE, "/engine-rest/filter/" + id, null), HttpStatus.FORBIDDEN, "ADMIN_ONLY");
        assertProblem(tasklist.exchange(HttpMethod.DELETE, "/camunda/api/engine/engine/default/filter/" + id, null),
                HttpStatus.FORBIDDEN, "ADMIN_ONLY");
        assertThat(filterService.getFilter(id)).isNotNull();

        assertThat(basic("admin", HttpMethod.PUT, "/engine-rest/filter/" + id, ok).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(basic("admin", HttpMethod.DELETE, "/engine-rest/filter/" + id, null).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        filters.remove(id);
    }

    @Test
    void anAdministratorMaySaveTasklistsExpressionsAndTheyAreEvaluatedPerUser() throws Exception {
        String id = created(basic("admin", HttpMethod.POST, "/engine-rest/filter/create",
                filter("{\"processDefinitionKey\":\"" + KEY + "\",\"candidateGroupsExpression\":\"${currentUserGroups()}\"}")));
        // the reviewer's groups: his two tasks; the risk reviewer's groups: none of them
        assertThat(count(basic("reviewer1", HttpMethod.GET, "/engine-rest/filter/" + id + "/count", null))).isEqualTo(2);
        assertThat(count(basic("risk1", HttpMethod.GET, "/engine-rest/filter/" + id + "/count", null))).isZero();

        // Tasklist's own filter dialog, in the admin's session
        WebappSession admin = session("admin", "tasklist");
        ResponseEntity<String> viaTasklist = admin.exchange(HttpMethod.POST, "/camunda/api/engine/engine/default/filter/create",
                filter("{\"orQueries\":[{\"assigneeExpression\":\"${currentUser()}\",\"dueBeforeExpression\":"
                        + "\"${dateTime().plusDays(2).toDate()}\",\"followUpAfterExpression\":\"${now()}\"}],"
                        + "\"active\":true}"));
        created(viaTasklist);
    }

    @Test
    void anAdministratorMaySaveNoOtherExpression() throws Exception {
        for (String query : List.of(
                "{\"dueAfterExpression\":\"${someBean.someMethod()}\"}",
                "{\"orQueries\":[{\"assigneeExpression\":\"${currentUser().toString()}\"}]}",
                "{\"candidateGroupsExpression\":\"#{currentUserGroups()}\"}",
                "{\"assigneeExpression\":[\"${currentUser()}\"]}",
                "{\"assignee\":\"${currentUser()}\"}",
                "{\"orQueries\":[{\"processVariables\":[{\"name\":\"a\",\"operator\":\"eq\",\"value\":\"${x}\"}]}]}")) {
            ResponseEntity<String> response = basic("admin", HttpMethod.POST, "/engine-rest/filter/create", filter(query));
            JsonNode problem = assertProblem(response, HttpStatus.BAD_REQUEST, "QUERY_EXPRESSION_REFUSED");
            assertThat(problem.path("field").asText()).as(query).startsWith("query.");
        }
        String id = created(basic("admin", HttpMethod.POST, "/engine-rest/filter/create", filter("{}")));
        assertProblem(basic("admin", HttpMethod.PUT, "/engine-rest/filter/" + id,
                filter("{\"dueAfterExpression\":\"${someBean.someMethod()}\"}")), HttpStatus.BAD_REQUEST, "QUERY_EXPRESSION_REFUSED");
        assertThat(filterService.getFilter(id).getQuery().toString()).doesNotContain("someBean");
    }

    private String created(ResponseEntity<String> response) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        String id = json.readTree(response.getBody()).path("id").asText();
        filters.add(id);
        return id;
    }
}
