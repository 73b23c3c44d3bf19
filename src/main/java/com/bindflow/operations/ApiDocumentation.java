package com.bindflow.operations;

import com.bindflow.security.SecurityProperties;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.util.AntPathMatcher;

/**
 * The {@code /api} document (springdoc, {@code /v3/api-docs}; Swagger UI at {@code /swagger-ui.html}): every
 * {@code /api} operation, secured by HTTP Basic of an API client ({@value #SECURITY_SCHEME}) except the paths whose
 * callers authenticate otherwise ({@code bindflow.security.open-api-paths}: WeChat Pay signs its notifications), each
 * with its error responses as {@code application/problem+json} ({@value #PROBLEM}) and examples of the main requests.
 * Kept in step with the controllers by {@code OpenApiDocumentTest}.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocumentation {

    public static final String SECURITY_SCHEME = "apiClient";
    public static final String PROBLEM = "Problem";
    static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    /** Request examples of the main operations ("METHOD path"). */
    static final Map<String, Object> REQUEST_EXAMPLES = Map.of(
            "POST /api/bindings", Map.of("userId", "demo-ok", "channel", "JD_APP"),
            "POST /api/bindings/{id}/agreement", Map.of("version", "2026.1", "accepted", true),
            "POST /api/bindings/{id}/otp", Map.of("code", "123456"),
            "POST /api/bindings/{id}/face", Map.of("providerToken", "pass"),
            "POST /api/payments/authorizations", Map.of("userId", "demo-ok", "scenario", "OFFLINE_SCAN", "amount", 1800.00,
                    "payee", Map.of("type", "MERCHANT", "id", "m-123"), "city", "Shanghai",
                    "occurredAt", "2026-12-05T10:00:00Z"));

    @Bean
    public OpenAPI bindflowOpenApi() {
        return new OpenAPI()
                .info(new Info().title("bindflow API").version("0.1.0").description(
                        "Binds a JD Baitiao credit line as a WeChat Pay payment method and governs it afterwards. Every "
                                + "call as an API client (HTTP Basic: the client's id and secret); every error is "
                                + "application/problem+json with a code, and a field for bad input."))
                .components(new Components()
                        .addSecuritySchemes(SECURITY_SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("basic").description("An API client's id and secret "
                                        + "(bindflow.security.api-clients; sandbox: jd-app / jd-app-secret)"))
                        .addSchemas(PROBLEM, problemSchema()))
                .addSecurityItem(new SecurityRequirement().addList(SECURITY_SCHEME));
    }

    @Bean
    public OpenApiCustomizer bindflowProblemsAndSecurity(SecurityProperties security) {
        AntPathMatcher matcher = new AntPathMatcher();
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                if (security.getOpenApiPaths().stream().anyMatch(open -> matcher.match(open, path))) {
                    operation.setSecurity(List.of());   // signed by WeChat Pay instead
                }
                declareProblems(method, operation);
                declareBindingTags(path, method, operation);
                Object example = REQUEST_EXAMPLES.get(method.name() + " " + path);
                if (example != null && operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                    operation.getRequestBody().getContent().values().forEach(media -> media.setExample(example));
                }
            }));
        };
    }

    /** The schema of every answer that shows one binding. */
    static final String BINDING_VIEW = "#/components/schemas/BindingView";
    /** Where the JD app reads a binding, and waits for its changes. */
    static final String BINDING_PATH = "/api/bindings/{id}";

    /**
     * A binding's answers carry its entity tag (and, answering another address, name the binding's), and
     * {@code GET /api/bindings/{id}} answers a binding or 304 (its controller returns a wait, which springdoc cannot
     * see into).
     */
    private static void declareBindingTags(String path, PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses();
        boolean read = method == PathItem.HttpMethod.GET && path.equals(BINDING_PATH);
        if (read) {
            ApiResponse ok = responses.get("200") == null ? new ApiResponse() : responses.get("200");
            responses.addApiResponse("200", ok.description("The binding (with waitSeconds: once it changed)")
                    .content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                            new MediaType().schema(new Schema<>().$ref(BINDING_VIEW)))));
            responses.addApiResponse("304", new ApiResponse().description("If-None-Match names the current tag "
                    + "(with waitSeconds: no change in those seconds)").addHeaderObject(HttpHeaders.ETAG, etag()));
        }
        responses.forEach((code, response) -> {
            boolean showsBinding = code.startsWith("2") && response.getContent() != null && response.getContent().values()
                    .stream().anyMatch(media -> media.getSchema() != null && BINDING_VIEW.equals(media.getSchema().get$ref()));
            if (showsBinding) {
                response.addHeaderObject(HttpHeaders.ETAG, etag());
                if (!path.equals(BINDING_PATH)) {
                    response.addHeaderObject(HttpHeaders.CONTENT_LOCATION, new Header().description(
                            "/api/bindings/{id}: the binding shown, whose tag ETag is").schema(new StringSchema()));
                }
            }
        });
    }

    private static Header etag() {
        return new Header().description("The binding's entity tag, as GET /api/bindings/{id} gives it: send it in "
                + "If-None-Match with waitSeconds to wait for the next change").schema(new StringSchema());
    }

    private static void declareProblems(PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put("400", "Bad input: the problem names the field");
        errors.put("401", "No or wrong API-client credentials");
        errors.put("403", "The API client may not do this");
        errors.put("404", "Not found");
        errors.put("406", "Not acceptable: ask for application/json");
        if (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.PATCH) {
            errors.put("409", "Conflicts with the current state");
            errors.put("413", "Body too large");
            errors.put("415", "Send application/json");
            errors.put("422", "Understood but refused (e.g. an Idempotency-Key reused with another body)");
        }
        errors.put("429", "Too many wrong credentials from this address: see Retry-After");
        errors.put("500", "Unexpected error (nothing of it is shown)");
        errors.put("503", "Starting, or an outside system is unavailable: retry (Retry-After)");
        errors.forEach((code, description) -> {
            ApiResponse existing = responses.get(code);
            ApiResponse response = existing == null ? new ApiResponse().description(description) : existing;
            response.setContent(new Content().addMediaType(PROBLEM_JSON,
                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
            responses.addApiResponse(code, response);
        });
        // any other error response springdoc found is problem+json as well
        responses.forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                response.setContent(new Content().addMediaType(PROBLEM_JSON,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
            }
        });
        operation.setResponses(responses);
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "https://bindflow.dev/problems/invalid-field");
        example.put("title", "Bad Request");
        example.put("status", 400);
        example.put("detail", "channel is required: JD_APP or WECHAT.");
        example.put("instance", "/api/bindings");
        example.put("code", "INVALID_FIELD");
        example.put("field", "channel");
        return new Schema<Map<String, Object>>().type("object").description("RFC 9457 problem details, with bindflow's code and the field at fault")
                .addProperty("type", new StringSchema())
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("code", new StringSchema().description("what went wrong, for programs"))
                .addProperty("field", new StringSchema().description("the input at fault, for bad input"))
                .example(example);
    }
}
