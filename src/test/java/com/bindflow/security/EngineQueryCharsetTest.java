package com.bindflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.bindflow.support.WebappSession;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The guard against task-query expressions and the body's charset (review of issue 10). The engine decodes a body
 * with the charset the request declares; the guard read it as UTF-8. In ISO-2022-JP the escape sequence
 * {@code ESC ( B} (switch to ASCII) vanishes when decoded, so {@code $ESC(B{…}} and {@code …Expr ESC(B ession} passed
 * the guard and reached the engine as {@code ${…}} in a {@code dueAfterExpression}: the count changed (1 instead of
 * 2). Now every engine-API entrance refuses a declared charset other than UTF-8 (415), parses strictly, and passes on
 * what it checked, as UTF-8.
 */
class EngineQueryCharsetTest extends EngineApiTestSupport {

    static final String ESC = "\u001b(B";
    static final String HIDDEN = "$" + ESC + "{dateTime().minusYears(100).toDate()}";
    static final String ISO_2022_JP = "application/json; charset=ISO-2022-JP";

    String filterId;

    @BeforeEach
    void twoTasksOneDue() {
        filterId = twoTasksOneDueAndAFilter("charset test");
    }

    @AfterEach
    void deleteTheFilter() {
        filterService.deleteFilter(filterId);
    }

    /** The query, with its expression hidden by ISO-2022-JP escapes, as bytes. */
    static byte[] hidden(boolean withKey) {
        String json = "{" + (withKey ? "\"processDefinitionKey\":\"" + KEY + "\"," : "")
                + "\"orQueries\":[{\"dueAfterExpr" + ESC + "ession\":\"" + HIDDEN + "\"}]}";
        return json.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] utf16(boolean withKey) {
        String json = "{" + (withKey ? "\"processDefinitionKey\":\"" + KEY + "\"," : "")
                + "\"orQueries\":[{\"dueAfterExpression\":\"${dateTime().minusYears(100).toDate()}\"}]}";
        return json.getBytes(StandardCharsets.UTF_16);
    }

    @Test
    void engineRestFilterCountRefusesANonUtf8Charset() throws Exception {
        assertTheFilterCountChangesWithTheExpression();
        String path = "/engine-rest/filter/" + filterId + "/count";
        assertRefusedCharset(raw(path, hidden(false), ISO_2022_JP));
        assertRefusedCharset(raw(path, utf16(false), "application/json; charset=UTF-16"));
        assertThat(count(raw(path, "{}".getBytes(StandardCharsets.UTF_8), "application/json; charset=UTF-8"))).isEqualTo(2);
    }

    @Test
    void engineRestFilterListRefusesANonUtf8Charset() throws Exception {
        assertTheFilterCountChangesWithTheExpression();
        assertRefusedCharset(raw("/engine-rest/filter/" + filterId + "/list", hidden(false), ISO_2022_JP));
        assertRefusedCharset(raw("/engine-rest/filter/" + filterId + "/singleResult", hidden(false), ISO_2022_JP));
        ResponseEntity<String> list = raw("/engine-rest/filter/" + filterId + "/list", "{}".getBytes(StandardCharsets.UTF_8),
                "application/json;charset=utf-8");
        assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json.readTree(list.getBody())).hasSize(2);
    }

    @Test
    void engineRestTaskCountRefusesANonUtf8Charset() throws Exception {
        assertTheTaskCountChangesWithTheExpression();
        assertRefusedCharset(raw("/engine-rest/task/count", hidden(true), ISO_2022_JP));
        assertRefusedCharset(raw("/engine-rest/task/count", utf16(true), "application/json; charset=UTF-16"));
        assertRefusedCharset(raw("/engine-rest/engine/default/task/count", hidden(true), ISO_2022_JP));
    }

    @Test
    void engineRestTaskListRefusesANonUtf8Charset() throws Exception {
        assertTheTaskCountChangesWithTheExpression();
        assertRefusedCharset(raw("/engine-rest/task", hidden(true), ISO_2022_JP));
        assertRefusedCharset(raw("/engine-rest/task", utf16(true), "application/json; charset=\"UTF-16LE\""));
    }

    @Test
    void webappTaskQueryRefusesANonUtf8Charset() throws Exception {
        assertTheTaskCountChangesWithTheExpression();
        WebappSession tasklist = session("reviewer1", "tasklist");
        String base = "/camunda/api/engine/engine/default/task";
        assertRefusedCharset(tasklist.exchangeBytes(HttpMethod.POST, base + "/count", hidden(true), ISO_2022_JP));
        assertRefusedCharset(tasklist.exchangeBytes(HttpMethod.POST, base, hidden(true), ISO_2022_JP));
        assertThat(count(tasklist.exchangeBytes(HttpMethod.POST, base + "/count",
                ("{\"processDefinitionKey\":\"" + KEY + "\"}").getBytes(StandardCharsets.UTF_8), "application/json"))).isEqualTo(2);
    }

    @Test
    void webappFilterExecutionRefusesANonUtf8Charset() throws Exception {
        assertTheFilterCountChangesWithTheExpression();
        WebappSession tasklist = session("reviewer1", "tasklist");
        String base = "/camunda/api/engine/engine/default/filter/" + filterId;
        assertRefusedCharset(tasklist.exchangeBytes(HttpMethod.POST, base + "/count", hidden(false), ISO_2022_JP));
        assertRefusedCharset(tasklist.exchangeBytes(HttpMethod.POST, base + "/list?firstResult=0&maxResults=15",
                hidden(false), ISO_2022_JP));
        assertThat(count(tasklist.exchangeBytes(HttpMethod.POST, base + "/count", "{}".getBytes(StandardCharsets.UTF_8),
                "application/json"))).isEqualTo(2);
    }

    /** Raw control characters in a string are no strict JSON: refused, not passed on for another reader to judge. */
    @Test
    void unescapedControlCharactersInAQueryAreRefused() {
        byte[] body = ("{\"orQueries\":[{\"dueAfterExpr" + ESC + "ession\":\"x\"}]}").getBytes(StandardCharsets.UTF_8);
        ResponseEntity<String> response = raw("/engine-rest/filter/" + filterId + "/count", body, "application/json");
        assertProblem(response, HttpStatus.BAD_REQUEST, "INVALID_FIELD");
    }

    /** What the engine reads is what the guard checked: the query re-written as UTF-8 (here: with a non-ASCII name). */
    @Test
    void theGuardPassesOnTheQueryItChecked() throws Exception {
        byte[] body = ("{\"processDefinitionKey\":\"" + KEY + "\",\"nameLike\":\"%\u00e9%\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(count(raw("/engine-rest/task/count", body, "application/json; charset=UTF-8"))).isZero();
        byte[] plain = ("{\"processDefinitionKey\":\"" + KEY + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(count(raw("/engine-rest/task/count", plain, "application/json"))).isEqualTo(2);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------------

    private void assertTheTaskCountChangesWithTheExpression() throws Exception {
        // as the engine itself evaluates it (QueryExpressionEntranceTest.theEngineEvaluatesAnExpressionInsideOrQueries)
        identityService.setAuthentication("reviewer1", List.of(BindflowGroups.ELIGIBILITY_REVIEWERS));
        try {
            long without = taskService.createTaskQuery().processDefinitionKey(KEY).count();
            long with = taskService.createTaskQuery().processDefinitionKey(KEY).or()
                    .dueAfterExpression("${dateTime().minusYears(100).toDate()}").endOr().count();
            assertThat(with).isEqualTo(1).isNotEqualTo(without);
        } finally {
            identityService.clearAuthentication();
        }
    }

    private void assertTheFilterCountChangesWithTheExpression() {
        identityService.setAuthentication("reviewer1", List.of(BindflowGroups.ELIGIBILITY_REVIEWERS));
        try {
            long without = filterService.count(filterId);
            long with = filterService.count(filterId, taskService.createTaskQuery().or()
                    .dueAfterExpression("${dateTime().minusYears(100).toDate()}").endOr());
            assertThat(with).isEqualTo(1).isNotEqualTo(without);
        } finally {
            identityService.clearAuthentication();
        }
    }

    private ResponseEntity<String> raw(String path, byte[] body, String contentType) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.CONTENT_TYPE, contentType);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        return rest.withBasicAuth("reviewer1", "reviewer1").exchange(URI.create(rest.getRootUri() + path), HttpMethod.POST,
                new HttpEntity<>(body, headers), String.class);
    }

    private void assertRefusedCharset(ResponseEntity<String> response) {
        JsonNode problem = assertProblem(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_CHARSET");
        assertThat(problem.path("field").asText()).isEqualTo("Content-Type");
    }
}
