package com.bindflow.shared;

import com.bindflow.security.WrongCredentialThrottle;
import com.bindflow.support.BindflowSpringTest;
import com.bindflow.support.RawHttp;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.assertj.core.api.Assertions;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.test.context.TestContextManager;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * A property-based fuzz test of every {@code /api} and {@code /sandbox} endpoint (issue 10, point 6): {@value #TRIES}
 * malformed requests with a fixed seed — wrong JSON types, nulls, huge and tiny numbers, long and odd strings, bad
 * ids, bad {@code Idempotency-Key}s, wrong and wildcard content types, odd Accept headers, missing fields, bodies that
 * are no JSON or too large, wrong methods and credentials. Every answer must be below 500, and every 4xx must be
 * {@code application/problem+json}. The endpoints are read from Spring MVC's mappings, so a new endpoint is fuzzed
 * without a change here (and each must have been hit). It prints its figures: requests, answers by status.
 *
 * <p>Runs in the suite's one Spring context (the same configuration as {@link BindflowSpringTest}, taken from Spring's
 * context cache). The values are chosen never to do anything lasting (no persona ids, no valid clock moves or traffic
 * sizes), so the tests after it find the sandbox as it was.
 */
@BindflowSpringTest
class ApiFuzzTest {

    static final int TRIES = 4300;
    static final String SEED = "20261210";

    private static ApplicationContext context;
    private static RawHttp http;
    private static List<Endpoint> endpoints;
    private static final Map<String, AtomicInteger> byStatus = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> byEndpoint = new ConcurrentHashMap<>();
    private static long startedAt;

    /** One route of Spring MVC under /api or /sandbox, with what its handler reads. */
    record Endpoint(String method, String pattern, List<String> pathVariables, List<String> requestParams,
                    boolean idempotencyKey, Type body) {

        String name() {
            return method + " " + pattern;
        }
    }

    record FuzzRequest(Endpoint endpoint, String method, String path, Map<String, String> headers, String body) {

        @Override
        public String toString() {
            String shown = body == null ? "(no body)" : body.length() > 400 ? body.substring(0, 400) + "... (" + body.length()
                    + " chars)" : body;
            return method + " " + path + " " + headers + " " + shown;
        }
    }

    @BeforeContainer
    static void startTheSharedContext() throws Exception {
        context = new TestContextManager(ApiFuzzTest.class).getTestContext().getApplicationContext();
        int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        http = new RawHttp(port);
        endpoints = endpoints(context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class));
        startedAt = System.nanoTime();
    }

    @AfterContainer
    static void printFiguresAndCheckCoverage() {
        context.getBean(WrongCredentialThrottle.class).clear();
        long seconds = (System.nanoTime() - startedAt) / 1_000_000_000L;
        int total = byStatus.values().stream().mapToInt(AtomicInteger::get).sum();
        Map<String, Integer> classes = new TreeMap<>();
        byStatus.forEach((status, n) -> classes.merge(status.charAt(0) + "xx", n.get(), Integer::sum));
        int fewest = byEndpoint.values().stream().mapToInt(AtomicInteger::get).min().orElse(0);
        System.out.printf("API fuzz (seed %s): %d requests to %d endpoints (at least %d each), %d of them a valid body "
                        + "with one field mutated, in %d s; by class %s; by status %s%n", SEED, total, endpoints.size(), fewest,
                mutated.get(), seconds, classes,
                new TreeMap<>(byStatus.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()))));
        List<String> missed = endpoints.stream().map(Endpoint::name).filter(name -> !byEndpoint.containsKey(name)).toList();
        Assertions.assertThat(missed).as("endpoints the fuzz test never reached").isEmpty();
        List<String> unknownTemplates = TEMPLATES.stream().map(Template::endpoint)
                .filter(name -> endpoints.stream().noneMatch(e -> e.name().equals(name))).toList();
        Assertions.assertThat(unknownTemplates).as("valid bodies for endpoints that do not exist").isEmpty();
        Assertions.assertThat(classes.getOrDefault("5xx", 0)).isZero();
    }

    @Property(tries = TRIES, seed = SEED, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void noRequestGetsA5xxAndEvery4xxIsAProblem(@ForAll("requests") FuzzRequest request) {
        RawHttp.Response response = http.send(request.method(), request.path(), request.headers(), request.body());
        byStatus.computeIfAbsent(String.valueOf(response.status()), s -> new AtomicInteger()).incrementAndGet();
        byEndpoint.computeIfAbsent(request.endpoint().name(), s -> new AtomicInteger()).incrementAndGet();
        Assertions.assertThat(response.status()).as("%s%n→ %s", request, response).isLessThan(500);
        if (response.status() >= 400) {
            Assertions.assertThat(response.isProblem()).as("%s%n→ %s", request, response).isTrue();
            if (!request.method().equals("HEAD")) { // a HEAD answer has the headers only
                Assertions.assertThat(response.json().path("status").asInt()).as("%s%n→ %s", request, response)
                        .isEqualTo(response.status());
            }
        }
    }

    // ---- one field of a valid body mutated --------------------------------------------------------------------------

    /**
     * A valid request (an existing persona, a valid key, every field right) with exactly one field replaced by what no
     * field may hold: a NUL or another control character, a 10,000-character text, a value of a JSON type no field
     * of that name takes. Such a request gets past every check but the one of that field, so it reaches the code (and,
     * before these checks, the database: PostgreSQL refuses NUL in text with a 500) unless refused: it must be a 400
     * naming exactly that field. Nothing of it is written.
     */
    @Property(tries = MUTATIONS, seed = SEED, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void oneFieldOfAValidBodyMutatedIsA400NamingIt(@ForAll("mutations") Mutation mutation) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", RawHttp.basic(mutation.template().client(), mutation.template().client() + "-secret"));
        headers.put("Content-Type", "application/json");
        headers.put("Idempotency-Key", "fuzz-valid-" + mutation.field().hashCode());
        String body = mutation.body().replace(NOW, org.camunda.bpm.engine.impl.util.ClockUtil.now().toInstant().toString());
        RawHttp.Response response = http.send("POST", mutation.template().path(), headers, body);
        byStatus.computeIfAbsent(String.valueOf(response.status()), s -> new AtomicInteger()).incrementAndGet();
        byEndpoint.computeIfAbsent(mutation.template().endpoint(), s -> new AtomicInteger()).incrementAndGet();
        mutated.incrementAndGet();
        String shown = body.length() > 300 ? body.substring(0, 300) + "... (" + body.length() + " chars)" : body;
        Assertions.assertThat(response.status()).as("%s %s%n→ %s", mutation.template().path(), shown, response).isEqualTo(400);
        Assertions.assertThat(response.isProblem()).as("%s%n→ %s", shown, response).isTrue();
        Assertions.assertThat(response.json().path("field").asText()).as("%s%n→ %s", shown, response)
                .isEqualTo(mutation.field());
    }

    /** More than there are: jqwik then tries every field of every valid body with every bad value (1009 requests). */
    static final int MUTATIONS = 1500;
    static final String NOW = "@now@";
    private static final AtomicInteger mutated = new AtomicInteger();

    /** A valid request to one endpoint: the client, the path (persona {@code demo-ok}) and a body. */
    record Template(String endpoint, String client, String path, String body) {
    }

    record Mutation(Template template, String field, String body) {
    }

    static final List<Template> TEMPLATES = List.of(
            new Template("POST /api/payments/authorizations", "jd-app", "/api/payments/authorizations",
                    "{\"userId\":\"demo-ok\",\"scenario\":\"TRANSFER\",\"amount\":12.34,\"payee\":{\"type\":\"PERSONAL\","
                            + "\"id\":\"p-1\"},\"purpose\":\"CREDIT_CARD_REPAYMENT\",\"city\":\"Shanghai\",\"occurredAt\":\"" + NOW + "\"}"),
            new Template("POST /api/accounts/{userId}/unfreeze-requests", "jd-app", "/api/accounts/demo-ok/unfreeze-requests",
                    "{\"trips\":[{\"city\":\"Chengdu\",\"startDate\":\"2026-01-01\",\"endDate\":\"2026-01-03\"}],"
                            + "\"documentRef\":\"doc-1\"}"),
            new Template("POST /api/accounts/{userId}/repayments", "jd-app", "/api/accounts/demo-ok/repayments",
                    "{\"overdueId\":\"00000000-0000-0000-0000-000000000000\",\"amount\":10.00,\"payInFull\":false}"),
            new Template("POST /api/accounts/{userId}/overdue-events", "jd-finance", "/api/accounts/demo-ok/overdue-events",
                    "{\"channel\":\"WECHAT\",\"amountDue\":100.00,\"dueDate\":\"2026-01-01\"}"),
            new Template("POST /sandbox/accounts/{userId}/freezes", "jd-app", "/sandbox/accounts/demo-ok/freezes",
                    "{\"cause\":\"RISK\",\"reason\":\"a reason\",\"evidenceRef\":\"ev-1\"}"),
            new Template("POST /sandbox/accounts/{userId}/freezes/lift", "jd-app", "/sandbox/accounts/demo-ok/freezes/lift",
                    "{\"cause\":\"RISK\",\"reason\":\"a reason\"}"),
            new Template("POST /api/bindings", "jd-app", "/api/bindings",
                    "{\"userId\":\"demo-ok\",\"channel\":\"WECHAT\",\"wechatRequestId\":\"WXBR-1\"}"),
            new Template("POST /api/bindings/{id}/agreement", "jd-app", "/api/bindings/nobody/agreement",
                    "{\"version\":\"2026.1\",\"accepted\":true}"),
            new Template("POST /api/bindings/{id}/preferences", "jd-app", "/api/bindings/nobody/preferences",
                    "{\"perTransactionCap\":100.00}"),
            new Template("POST /api/bindings/{id}/otp", "jd-app", "/api/bindings/nobody/otp", "{\"code\":\"123456\"}"),
            new Template("POST /api/bindings/{id}/face", "jd-app", "/api/bindings/nobody/face", "{\"providerToken\":\"t-1\"}"),
            new Template("POST /api/payments/authorizations/{id}/face", "jd-app", "/api/payments/authorizations/nobody/face",
                    "{\"providerToken\":\"t-1\"}"),
            new Template("POST /api/fees/installment-quotes", "jd-app", "/api/fees/installment-quotes",
                    "{\"amount\":1000,\"periods\":3,\"method\":\"PRINCIPAL_BASED\",\"channel\":\"JD_APP\",\"coupon\":\"NONE\"}"),
            new Template("POST /api/fees/withdrawal-quotes", "jd-app", "/api/fees/withdrawal-quotes",
                    "{\"amount\":1000,\"days\":10,\"channel\":\"JD_APP\"}"),
            new Template("POST /api/fees/overdue-penalties", "jd-app", "/api/fees/overdue-penalties",
                    "{\"amount\":1000,\"dueDate\":\"2026-01-01\",\"asOf\":\"2026-01-16\"}"),
            new Template("POST /sandbox/wechat/authorizations/{bindingId}", "jd-app", "/sandbox/wechat/authorizations/nobody",
                    "{\"action\":\"APPROVE\",\"priority\":2}"),
            new Template("POST /sandbox/clock", "jd-app", "/sandbox/clock", "{\"advance\":\"PT0S\"}"));

    @Provide
    Arbitrary<Mutation> mutations() {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        List<Arbitrary<Mutation>> perTemplate = new ArrayList<>();
        for (Template template : TEMPLATES) {
            com.fasterxml.jackson.databind.JsonNode valid;
            try {
                valid = mapper.readTree(template.body());
            } catch (Exception e) {
                throw new IllegalStateException(template.body(), e);
            }
            List<String> fields = new ArrayList<>();
            fieldPaths(valid, "", fields);
            perTemplate.add(Combinators.combine(Arbitraries.of(fields), badValues()).as((field, bad) -> {
                com.fasterxml.jackson.databind.JsonNode copy = valid.deepCopy();
                com.fasterxml.jackson.databind.JsonNode original = valid.at("/" + field.replace(".", "/").replace("[", "/")
                        .replace("]", ""));
                if (original.isContainerNode() && (bad.isContainerNode() || bad.isTextual())) {
                    // an object for an object (fields ignored) or a list for a list is no wrong type
                    bad = com.fasterxml.jackson.databind.node.BooleanNode.TRUE;
                } else if (original.isBoolean() && bad.isBoolean()) {
                    bad = com.fasterxml.jackson.databind.node.TextNode.valueOf("true\u0000");
                }
                replace(copy, field, bad);
                return new Mutation(template, field, copy.toString());
            }));
        }
        return Arbitraries.oneOf(perTemplate);
    }

    /** Values no field takes: text with a NUL or another control character, 10,000 characters, other JSON types. */
    private static Arbitrary<com.fasterxml.jackson.databind.JsonNode> badValues() {
        var nodes = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        return Arbitraries.oneOf(
                Arbitraries.of("a\u0000b", "\u0000", "Shang\u0000hai", "x\u0000").map(nodes::textNode),
                Arbitraries.chars().with('\u0001', '\u0007', '\t', '\n', '\r', '\u001b', '\u001f', '\u007f', '\u0085', '\u009f')
                        .map(c -> nodes.textNode("a" + c + "b")),
                Arbitraries.of(10_000, 4_001, 50_000).map(n -> nodes.textNode("x".repeat(n))),
                Arbitraries.of(nodes.booleanNode(true), nodes.arrayNode().add(1), nodes.objectNode().put("a", 1),
                        nodes.numberNode(new java.math.BigInteger("123456789012345678901234567890"))));
    }

    /** Every field of a body, at any depth: {@code payee.id}, {@code trips[0].city}; containers too. */
    private static void fieldPaths(com.fasterxml.jackson.databind.JsonNode node, String at, List<String> into) {
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> {
                String path = at.isEmpty() ? name : at + "." + name;
                into.add(path);
                fieldPaths(node.get(name), path, into);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                fieldPaths(node.get(i), at + "[" + i + "]", into);
            }
        }
    }

    private static void replace(com.fasterxml.jackson.databind.JsonNode root, String path, com.fasterxml.jackson.databind.JsonNode value) {
        com.fasterxml.jackson.databind.JsonNode parent = root;
        String[] steps = path.replace("[", ".[").split("\\.");
        for (int i = 0; i < steps.length - 1; i++) {
            parent = steps[i].startsWith("[") ? parent.get(Integer.parseInt(steps[i].substring(1, steps[i].length() - 1)))
                    : parent.get(steps[i]);
        }
        ((com.fasterxml.jackson.databind.node.ObjectNode) parent).set(steps[steps.length - 1], value);
    }

    // ---- the requests ---------------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<FuzzRequest> requests() {
        Map<Endpoint, Arbitrary<FuzzRequest>> perEndpoint = new LinkedHashMap<>();
        endpoints.forEach(endpoint -> perEndpoint.put(endpoint, request(endpoint)));
        return Arbitraries.of(endpoints).flatMap(perEndpoint::get);
    }

    private Arbitrary<FuzzRequest> request(Endpoint endpoint) {
        Arbitrary<String> method = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(17, Arbitraries.just(endpoint.method())),
                net.jqwik.api.Tuple.of(2, Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD")));
        Arbitrary<List<String>> variables = ids().list().ofSize(endpoint.pathVariables().size());
        Arbitrary<String> query = query(endpoint);
        Arbitrary<Map<String, String>> headers = headers(endpoint);
        Arbitrary<String> body = body(endpoint);
        return Combinators.combine(method, variables, query, headers, body).as((m, vars, q, h, b) -> {
            String path = endpoint.pattern();
            for (int i = 0; i < vars.size(); i++) {
                path = path.replace("{" + endpoint.pathVariables().get(i) + "}", encode(vars.get(i)));
            }
            return new FuzzRequest(endpoint, m, path + q, h, m.equals("GET") || m.equals("HEAD") ? null : b);
        });
    }

    private static String encode(String id) {
        // any character, correctly escaped (a request that is no valid HTTP never reaches the application)
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Ids that name nothing: no persona, no binding, so no request does anything lasting. */
    private static Arbitrary<String> ids() {
        return Arbitraries.oneOf(
                Arbitraries.of("nobody", "x", "0", "-1", "..", ".", "a.b", "nobody.c1", "99999999999999999999999999",
                        "00000000-0000-0000-0000-000000000000", "' OR '1'='1", "${x}", "%", "a/b", "a;b", "a\\b", " ", ""),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(80),
                Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-', '.', '_').ofMinLength(1).ofMaxLength(64),
                Arbitraries.strings().alpha().ofLength(25).map(s -> s.repeat(20)));
    }

    private static Arbitrary<String> query(Endpoint endpoint) {
        List<Arbitrary<String>> parts = new ArrayList<>();
        for (String name : endpoint.requestParams()) {
            parts.add(Arbitraries.frequencyOf(
                    net.jqwik.api.Tuple.of(1, Arbitraries.just("")),
                    net.jqwik.api.Tuple.of(4, queryValues().map(v -> name + "=" + encode(v)))));
        }
        parts.add(Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.just("")),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10)
                        .flatMap(n -> queryValues().map(v -> n + "=" + encode(v))))));
        return Combinators.combine(parts).as(list -> {
            String joined = list.stream().filter(p -> !p.isEmpty()).collect(Collectors.joining("&"));
            return joined.isEmpty() ? "" : "?" + joined;
        });
    }

    private static Arbitrary<String> queryValues() {
        return Arbitraries.oneOf(dateTexts(), Arbitraries.strings().ofMaxLength(60),
                Arbitraries.of("", "nobody", "2026-11-01", "2026-11-01T00:00:00Z", "2026-11-01T08:00"));
    }

    private static Arbitrary<Map<String, String>> headers(Endpoint endpoint) {
        Arbitrary<Optional<String>> authorization = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(70, Arbitraries.just(Optional.of(RawHttp.basic("jd-app", "jd-app-secret")))),
                net.jqwik.api.Tuple.of(15, Arbitraries.just(Optional.of(RawHttp.basic("jd-finance", "jd-finance-secret")))),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(Optional.empty())),
                net.jqwik.api.Tuple.of(3, Arbitraries.of("Basic", "Basic %%%", "Bearer x", "Basic " + "QQ==".repeat(500),
                        RawHttp.basic("jd-app", "wrong"), RawHttp.basic("nobody", "nobody"), RawHttp.basic("", ""),
                        RawHttp.basic("api-probe", "api-probe-new-secret")).map(Optional::of)));
        Arbitrary<Optional<String>> contentType = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(70, Arbitraries.just(Optional.of("application/json"))),
                net.jqwik.api.Tuple.of(30, Arbitraries.of("", "*/*", "application/*", "text/plain", "application/xml",
                        "application/json; charset=UTF-16", "application/json; charset=klingon", "application/json; charset=",
                        "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "garbage", "/", "application/",
                        "APPLICATION/JSON", "application/json;charset=\"utf-8\"", "application/problem+json", "text/*; q=0.5",
                        "application/json; x").map(Optional::of).injectNull(0.1).map(o -> o == null ? Optional.empty() : o)));
        Arbitrary<Optional<String>> accept = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(70, Arbitraries.just(Optional.empty())),
                net.jqwik.api.Tuple.of(30, Arbitraries.of("*/*", "text/html", "application/xml", "application/json",
                        "application/problem+json", "garbage", "image/png", "application/*;q=0", "text/*").map(Optional::of)));
        Arbitrary<Optional<String>> key = endpoint.idempotencyKey()
                ? Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(50, Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(40).map(Optional::of)),
                        net.jqwik.api.Tuple.of(10, Arbitraries.just(Optional.empty())),
                        net.jqwik.api.Tuple.of(20, Arbitraries.of("", " ", "k".repeat(300), "key with spaces", "' OR 1=1 --",
                                "${x}", "\t", "a,b").map(Optional::of)))
                : Arbitraries.just(Optional.<String>empty());
        return Combinators.combine(authorization, contentType, accept, key).as((a, c, x, k) -> {
            Map<String, String> headers = new LinkedHashMap<>();
            a.ifPresent(v -> headers.put("Authorization", v));
            c.ifPresent(v -> headers.put("Content-Type", v));
            x.ifPresent(v -> headers.put("Accept", v));
            k.ifPresent(v -> headers.put("Idempotency-Key", v));
            return headers;
        });
    }

    // ---- bodies ----------------------------------------------------------------------------------------------------------

    private static Arbitrary<String> body(Endpoint endpoint) {
        Arbitrary<String> shaped = endpoint.body() == null ? anyJson(2) : json(endpoint.body(), 0);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(70, shaped),
                net.jqwik.api.Tuple.of(10, anyJson(3)),
                net.jqwik.api.Tuple.of(12, Arbitraries.oneOf(
                        Arbitraries.of("", "{", "}", "{\"a\":}", "{'a':1}", "{a:1}", "[1,]", "nul", "{\"a\":1}{", "\"unterminated",
                                "{\"a\":1,\"a\":2}", "{\"a\":NaN}", "{\"a\":01}", "// comment\n{}", "\u0000", "\uFEFF{}", "{}  x"),
                        Arbitraries.strings().ofMaxLength(200),
                        Arbitraries.integers().between(500, 3000).map(n -> "[".repeat(n) + "]".repeat(n)),
                        Arbitraries.integers().between(500, 3000).map(n -> "{\"a\":".repeat(n) + "1" + "}".repeat(n)))),
                net.jqwik.api.Tuple.of(7, Arbitraries.just((String) null)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(1_100_000, 1_500_000).map(n -> "{\"pad\":\"" + "x".repeat(n) + "\"}")));
    }

    /** A JSON value for a Java type: mostly of the right shape, with values that are wrong more often than not. */
    private static Arbitrary<String> json(Type type, int depth) {
        Class<?> raw = raw(type);
        if (depth > 3) {
            return scalars();
        }
        if (raw.isRecord()) {
            List<Arbitrary<Optional<String>>> fields = new ArrayList<>();
            for (RecordComponent component : raw.getRecordComponents()) {
                Arbitrary<String> value = Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(3, json(component.getGenericType(), depth + 1)),
                        net.jqwik.api.Tuple.of(1, scalars()));
                fields.add(value.map(v -> Optional.of("\"" + component.getName() + "\":" + v)).injectNull(0.15)
                        .map(o -> o == null ? Optional.<String>empty() : o));
            }
            fields.add(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8).flatMap(n -> scalars()
                    .map(v -> Optional.of("\"" + n + "\":" + v))).injectNull(0.8).map(o -> o == null ? Optional.<String>empty() : o));
            return Combinators.combine(fields).as(list -> list.stream().flatMap(Optional::stream)
                    .collect(Collectors.joining(",", "{", "}")));
        }
        if (Collection.class.isAssignableFrom(raw)) {
            Type element = type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            return json(element, depth + 1).list().ofMaxSize(12).map(l -> String.join(",", l)).map(s -> "[" + s + "]");
        }
        if (Map.class.isAssignableFrom(raw)) {
            Type value = type instanceof ParameterizedType p ? p.getActualTypeArguments()[1] : Object.class;
            return Combinators.combine(Arbitraries.strings().ofMaxLength(20).map(ApiFuzzTest::quote), json(value, depth + 1))
                    .as((k, v) -> k + ":" + v).list().ofMaxSize(5).map(l -> "{" + String.join(",", l) + "}");
        }
        if (raw.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object constant : raw.getEnumConstants()) {
                names.add(((Enum<?>) constant).name());
            }
            return Arbitraries.oneOf(Arbitraries.of(names).map(ApiFuzzTest::quote),
                    Arbitraries.of(names).map(n -> quote(n.toLowerCase())), Arbitraries.integers().between(-1, 5).map(String::valueOf),
                    Arbitraries.of("\"\"", "\"0\"", "null", "true", "[]", "{}"));
        }
        if (raw == LocalDate.class || raw == Instant.class) {
            return Arbitraries.oneOf(dateTexts().map(ApiFuzzTest::quote), numbers(), Arbitraries.of("[2026,3,10]", "null", "{}"));
        }
        if (raw == BigDecimal.class || Number.class.isAssignableFrom(raw) || raw == int.class || raw == long.class) {
            return Arbitraries.oneOf(numbers(), numbers().map(ApiFuzzTest::quote), Arbitraries.of("null", "true", "\"\"", "[1]"));
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return Arbitraries.of("true", "false", "\"true\"", "1", "0", "null", "\"yes\"");
        }
        return Arbitraries.oneOf(strings().map(ApiFuzzTest::quote), scalars());
    }

    /** Never a small positive whole number: none may be taken as a count of traffic to play or a real priority. */
    private static Arbitrary<String> numbers() {
        return Arbitraries.of("0", "-1", "-0.0", "0.5", "1.5", "1001", "-2147483649", "2147483648", "9223372036854775808",
                "-9223372036854775809", "123456789012345678901234567890", "1e400", "-1e400", "1e-400", "1E+2", "3.4028235e38",
                "0.001", "99999999999.999", "1e25", "0.0000000000000000000001", "-1000.00", "100000000.01");
    }

    private static Arbitrary<String> dateTexts() {
        return Arbitraries.of("2026-02-30", "2026-13-01", "-999999999-01-01", "+999999999-12-31", "+1000000000-01-01",
                "0000-01-01", "9999-12-31", "20260310", "2026-03-10T10:00:00", "2026-03-10T25:00:00Z", "2026-03-10T10:00:00+18:30",
                "1969-12-31", "2026-3-1", "10/03/2026", "now", "P1000000000000D", "PT9223372036854775807S", "-PT1M", "P",
                "PT", "2026-W11", "2026-070", "", " ");
    }

    private static Arbitrary<String> strings() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40), Arbitraries.strings().ofLength(50).map(s -> s.repeat(100)),
                Arbitraries.of("", " ", "测试", "\u0000", "${x}", "#{x}", "<script>", "' OR 1=1 --", "\uD800", "a\nb", "null",
                        "NaN", "Infinity", "APPROVE", "JD_APP", "RISK", "nobody", "demo-unknown"));
    }

    private static Arbitrary<String> scalars() {
        return Arbitraries.oneOf(numbers(), strings().map(ApiFuzzTest::quote),
                Arbitraries.of("null", "true", "false", "[]", "{}", "[null]", "[1,\"a\"]", "{\"a\":{\"b\":[]}}"));
    }

    private static Arbitrary<String> anyJson(int depth) {
        if (depth == 0) {
            return scalars();
        }
        return Arbitraries.oneOf(scalars(),
                anyJson(depth - 1).list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]"),
                Combinators.combine(strings().map(ApiFuzzTest::quote), anyJson(depth - 1)).as((k, v) -> k + ":" + v)
                        .list().ofMaxSize(4).map(l -> "{" + String.join(",", l) + "}"));
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    // ---- the endpoints ---------------------------------------------------------------------------------------------------

    static List<Endpoint> endpoints(RequestMappingHandlerMapping mapping) {
        List<Endpoint> found = new ArrayList<>();
        mapping.getHandlerMethods().forEach((info, handler) -> {
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api") && !pattern.startsWith("/sandbox")) {
                    continue;
                }
                for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                    found.add(endpoint(method.name(), pattern, handler));
                }
            }
        });
        found.sort((a, b) -> a.name().compareTo(b.name()));
        return List.copyOf(found);
    }

    private static Endpoint endpoint(String method, String pattern, HandlerMethod handler) {
        List<String> variables = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(pattern);
        while (m.find()) {
            variables.add(m.group(1));
        }
        List<String> params = new ArrayList<>();
        boolean key = false;
        Type body = null;
        Method target = handler.getMethod();
        for (int i = 0; i < target.getParameterCount(); i++) {
            MethodParameter parameter = new MethodParameter(target, i);
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            if (param != null) {
                params.add(param.value().isEmpty() ? parameterName(target, i) : param.value());
            }
            RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
            if (header != null && (Idempotency.HEADER.equals(header.value()) || Idempotency.HEADER.equals(header.name()))) {
                key = true;
            }
            if (parameter.hasParameterAnnotation(RequestBody.class)) {
                body = target.getGenericParameterTypes()[i];
            }
        }
        return new Endpoint(method, pattern, variables, params, key, body);
    }

    private static String parameterName(Method method, int index) {
        return method.getParameters()[index].getName();
    }
}
