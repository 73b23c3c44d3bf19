package com.bindflow.operations;

import com.bindflow.support.ApiTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The /api document (springdoc) in step with the controllers: every {@code /api} route Spring MVC serves is in the
 * document with its methods and nothing else is; every error response is application/problem+json; HTTP Basic of an
 * API client secures every operation but WeChat Pay's signed notifications; Swagger UI is served.
 */
class OpenApiDocumentTest extends ApiTestSupport {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private JsonNode document() throws Exception {
        ResponseEntity<String> r = anonymous.getForEntity("/v3/api-docs", String.class);
        Assertions.assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        return json.readTree(r.getBody());
    }

    /** "METHOD /api/path/{var}" of every /api route of the controllers. */
    private Set<String> routes() {
        Set<String> routes = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
            for (String pattern : e.getKey().getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                Set<RequestMethod> methods = e.getKey().getMethodsCondition().getMethods();
                Assertions.assertThat(methods).as("every /api route names its methods: " + pattern).isNotEmpty();
                methods.forEach(m -> routes.add(m.name() + " " + pattern.replaceAll("\\{([^}:]+)(:[^}]*)?}", "{$1}")));
            }
        }
        return routes;
    }

    /** An entry of a path in the document: the path, its key (a method) and its node. */
    private record Operation(String path, String method, JsonNode node) {

        String where() {
            return method + " " + path;
        }
    }

    /** Every entry of every path of the document's {@code paths}. */
    private static List<Operation> operations(JsonNode paths) {
        List<Operation> operations = new ArrayList<>();
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(
                op -> operations.add(new Operation(path.getKey(), op.getKey(), op.getValue()))));
        return operations;
    }

    @Test
    void everyApiRouteIsInTheDocumentWithItsMethodsAndNothingElse() throws Exception {
        JsonNode paths = document().path("paths");
        Set<String> documented = new TreeSet<>();
        for (Operation op : operations(paths)) {
            if (Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(op.method())) {
                documented.add(op.method().toUpperCase() + " " + op.path());
            }
        }
        Set<String> routes = routes();
        Assertions.assertThat(routes).as("the controllers' /api routes").hasSizeGreaterThan(20);
        Assertions.assertThat(documented).as("the document's operations").containsExactlyElementsOf(routes);
    }

    @Test
    void errorResponsesAreProblemJsonAndTheApiWantsAnApiClient() throws Exception {
        JsonNode doc = document();
        Assertions.assertThat(doc.path("components").path("securitySchemes").path(ApiDocumentation.SECURITY_SCHEME)
                .path("scheme").asText()).isEqualTo("basic");
        Assertions.assertThat(doc.path("security").toString()).contains(ApiDocumentation.SECURITY_SCHEME);
        Assertions.assertThat(doc.path("components").path("schemas").path(ApiDocumentation.PROBLEM).path("example")
                .path("field").asText()).as(doc.path("components").toString()).isEqualTo("channel");
        int errors = 0;
        for (Operation op : operations(doc.path("paths"))) {
            String where = op.where();
            JsonNode responses = op.node().path("responses");
            Assertions.assertThat(responses.has("400") && responses.has("401") && responses.has("500")).as(where).isTrue();
            for (Iterator<Map.Entry<String, JsonNode>> rs = responses.fields(); rs.hasNext(); ) {
                Map.Entry<String, JsonNode> r = rs.next();
                if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
                    errors++;
                    Assertions.assertThat(r.getValue().path("content").fieldNames()).toIterable().as(where + " " + r.getKey())
                            .containsExactly("application/problem+json");
                }
            }
            boolean open = op.path().startsWith("/api/wechat/notifications");
            Assertions.assertThat(op.node().has("security") && op.node().path("security").isEmpty())
                    .as(where + ": open only for WeChat Pay's signed notifications").isEqualTo(open);
        }
        Assertions.assertThat(errors).isGreaterThan(100);
        Assertions.assertThat(doc.path("paths").path("/api/bindings").path("post").path("requestBody").toString())
                .as("an example request").contains("demo-ok");
    }

    @Test
    void everyAnswerThatShowsABindingDeclaresItsTagAndTheReadDeclares304() throws Exception {
        JsonNode paths = document().path("paths");
        Set<String> tagged = new TreeSet<>();
        for (Operation op : operations(paths)) {
            for (Iterator<Map.Entry<String, JsonNode>> rs = op.node().path("responses").fields(); rs.hasNext(); ) {
                Map.Entry<String, JsonNode> r = rs.next();
                boolean showsBinding = false;   // one binding (a list of them has no tag)
                for (JsonNode media : r.getValue().path("content")) {
                    showsBinding |= media.path("schema").path("$ref").asText().equals("#/components/schemas/BindingView");
                }
                if (r.getKey().startsWith("2") && showsBinding) {
                    String where = op.where();
                    Assertions.assertThat(r.getValue().path("headers").has("ETag")).as(where).isTrue();
                    Assertions.assertThat(r.getValue().path("headers").has("Content-Location")).as(where)
                            .isEqualTo(!op.path().equals("/api/bindings/{id}"));
                    tagged.add(where);
                }
            }
        }
        Assertions.assertThat(tagged).contains("get /api/bindings/{id}", "post /api/bindings", "post /api/bindings/{id}/otp",
                "post /api/bindings/{id}/face", "delete /api/bindings/{id}").doesNotContain("post /api/bindings/{id}/otp/send", "get /api/bindings");
        JsonNode read = paths.path("/api/bindings/{id}").path("get").path("responses");
        Assertions.assertThat(read.path("304").path("headers").has("ETag")).isTrue();
        Assertions.assertThat(read.path("200").path("content").fieldNames()).toIterable().containsExactly("application/json");
    }

    @Test
    void swaggerUiIsServed() {
        ResponseEntity<String> ui = anonymous.getForEntity("/swagger-ui/index.html", String.class);
        Assertions.assertThat(ui.getStatusCode()).isEqualTo(HttpStatus.OK);
        Assertions.assertThat(ui.getBody()).contains("Swagger UI");
        Assertions.assertThat(anonymous.getForEntity("/swagger-ui.html", String.class).getStatusCode().is2xxSuccessful()
                || anonymous.getForEntity("/swagger-ui.html", String.class).getStatusCode().is3xxRedirection()).isTrue();
    }
}
