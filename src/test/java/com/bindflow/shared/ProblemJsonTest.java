package com.bindflow.shared;

import static org.assertj.core.api.Assertions.assertThat;

import com.bindflow.support.BindflowSpringTest;
import com.bindflow.support.RawHttp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every error is problem+json and no input gives a 5xx (issue 10, point 3): the framework's own errors, bad content
 * types, oversized and unreadable bodies, and values out of range, each naming the field where one is to blame.
 */
@BindflowSpringTest
class ProblemJsonTest {

    static final String JD_APP = RawHttp.basic("jd-app", "jd-app-secret");
    static final String QUOTE = "{\"amount\":1000,\"days\":10,\"channel\":\"JD_APP\"}";

    @LocalServerPort
    int port;

    RawHttp http;

    @BeforeEach
    void client() {
        http = new RawHttp(port);
    }

    private RawHttp.Response post(String path, String contentType, String body) {
        return http.send("POST", path, contentType == null ? Map.of("Authorization", JD_APP)
                : Map.of("Authorization", JD_APP, "Content-Type", contentType), body);
    }

    private static void assertProblem(RawHttp.Response response, int status, String code, String field) {
        assertThat(response.status()).as("%s", response).isEqualTo(status);
        assertThat(response.isProblem()).as("%s", response).isTrue();
        assertThat(response.json().path("status").asInt()).isEqualTo(status);
        assertThat(response.json().path("code").asText()).isEqualTo(code);
        if (field != null) {
            assertThat(response.json().path("field").asText()).isEqualTo(field);
        }
    }

    private RawHttp.Response get(String path) {
        return http.send("GET", path, Map.of("Authorization", JD_APP), (String) null);
    }

    // ---- review of issue 10 -------------------------------------------------------------------------------------------

    @Test
    void aControlCharacterInAQueryParameterIs400NamingIt() {
        assertProblem(get("/api/bindings?userId=a%00b"), 400, "INVALID_FIELD", "userId");
        assertProblem(get("/api/bindings?userId=a%0Ab"), 400, "INVALID_FIELD", "userId");
        assertProblem(get("/api/reports/payments?from=2026-01-01%00&to=2026-02-01"), 400, "INVALID_FIELD", "from");
    }

    @Test
    void anEmptyOrRepeatedUserIdIs400NamingIt() {
        assertProblem(get("/api/bindings?userId="), 400, "INVALID_FIELD", "userId");
        assertProblem(get("/api/bindings?userId=%20"), 400, "INVALID_FIELD", "userId");
        assertProblem(get("/api/bindings?userId=demo-ok&userId=demo-cashout"), 400, "INVALID_FIELD", "userId");
        assertThat(get("/api/bindings?userId=nobody").status()).isEqualTo(200);
    }

    @Test
    void aReportFrom1970IsAValidPeriod() {
        RawHttp.Response funnel = get("/api/reports/binding-funnel?from=1970-01-01&to=1970-02-01");
        assertThat(funnel.status()).as("%s", funnel).isEqualTo(200);
        assertThat(get("/api/reports/payments?from=1970-01-01&to=2026-01-01").status()).isEqualTo(200);
        assertProblem(get("/api/reports/payments?from=1800-01-01&to=2026-01-01"), 400, "INVALID_FIELD", "from");
    }

    @Test
    void aCompressedJsonBodyIs415() {
        RawHttp.Response response = http.send("POST", "/api/fees/withdrawal-quotes", Map.of("Authorization", JD_APP,
                "Content-Type", "application/json", "Content-Encoding", "gzip"), QUOTE);
        assertProblem(response, 415, "UNSUPPORTED_CONTENT_ENCODING", "Content-Encoding");
    }

    @Test
    void traceIsAProblem405() {
        for (String path : List.of("/", "/api/bindings", "/engine-rest/task")) {
            RawHttp.Response response = http.send("TRACE", path, Map.of("Authorization", JD_APP), (String) null);
            assertThat(response.status()).as("%s %s", path, response).isEqualTo(405);
            assertThat(response.isProblem()).as("%s %s", path, response).isTrue();
        }
    }

    @Test
    void aWildcardContentTypeIs415() {
        assertProblem(post("/api/fees/withdrawal-quotes", "*/*", QUOTE), 415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type");
        assertProblem(post("/api/bindings", "application/*", "{}"), 415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type");
        assertProblem(post("/sandbox/clock", "*/*", "{\"advance\":\"PT0S\"}"), 415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type");
    }

    @Test
    void aContentTypeThatIsNoMediaTypeIs415() {
        assertProblem(post("/api/fees/withdrawal-quotes", "json please", QUOTE), 415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type");
    }

    @Test
    void anUnknownCharsetIs415() {
        assertProblem(post("/api/fees/withdrawal-quotes", "application/json; charset=klingon", QUOTE), 415,
                "UNSUPPORTED_MEDIA_TYPE", "Content-Type");
    }

    @Test
    void anotherMediaTypeIs415() {
        assertProblem(post("/api/fees/withdrawal-quotes", "text/plain", QUOTE), 415, "UNSUPPORTED_MEDIA_TYPE", null);
        assertProblem(post("/api/fees/withdrawal-quotes", null, QUOTE), 415, "UNSUPPORTED_MEDIA_TYPE", null);
    }

    @Test
    void noSuchResourceIs404() {
        assertProblem(http.send("GET", "/api/nothing/here", Map.of("Authorization", JD_APP), (String) null), 404, "NOT_FOUND", null);
        assertProblem(http.send("GET", "/sandbox/nothing", Map.of("Authorization", JD_APP), (String) null), 404, "NOT_FOUND", null);
        assertProblem(http.send("GET", "/error", Map.of(), (String) null), 404, "NOT_FOUND", null);
    }

    @Test
    void whatTheServerRefusesBeforeTheApplicationIsAProblemToo() {
        // Tomcat does not decode an escaped NUL or slash in a path: its own 400, as problem+json
        for (String path : new String[] {"/api/bindings/%00", "/api/bindings/a%2Fb", "/sandbox/sms/%00"}) {
            RawHttp.Response response = http.send("GET", path, Map.of("Authorization", JD_APP), (String) null);
            assertProblem(response, 400, "BAD_REQUEST", null);
        }
    }

    @Test
    void aWrongMethodIs405WithAllow() {
        RawHttp.Response response = http.send("PUT", "/api/bindings/x", Map.of("Authorization", JD_APP), (String) null);
        assertProblem(response, 405, "METHOD_NOT_ALLOWED", null);
        assertThat(response.header("allow")).get().asString().contains("GET").contains("DELETE");
    }

    @Test
    void anUnacceptableAcceptIs406() {
        RawHttp.Response response = http.send("GET", "/api/reports/payments?from=2026-01-01&to=2026-02-01",
                Map.of("Authorization", JD_APP, "Accept", "application/xml"), (String) null);
        assertProblem(response, 406, "NOT_ACCEPTABLE", null);
    }

    @Test
    void aBodyTooLargeIs413() {
        byte[] large = ("{\"amount\":1000,\"days\":10,\"channel\":\"JD_APP\",\"padding\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Map<String, String> headers = Map.of("Authorization", JD_APP, "Content-Type", "application/json");
        assertProblem(http.send("POST", "/api/fees/withdrawal-quotes", headers, large), 413, "BODY_TOO_LARGE", null);
        // chunked: no Content-Length, the limit is met while the body is read
        assertProblem(http.sendChunked("POST", "/api/fees/withdrawal-quotes", headers, large), 413, "BODY_TOO_LARGE", null);
    }

    @Test
    void anUnreadableBodyIs400NamingTheBody() {
        assertProblem(post("/api/fees/withdrawal-quotes", "application/json", "{\"amount\":"), 400, "INVALID_FIELD", "body");
        assertProblem(post("/api/fees/withdrawal-quotes", "application/json", "not json"), 400, "INVALID_FIELD", "body");
    }

    @Test
    void aMissingBodyIs400NamingTheBody() {
        assertProblem(post("/api/fees/withdrawal-quotes", "application/json", null), 400, "INVALID_FIELD", "body");
    }

    @Test
    void aReportPeriodOutOfRangeIs400NamingTheBound() {
        assertProblem(http.send("GET", "/api/reports/payments?from=-999999999-01-01&to=2026-02-01",
                Map.of("Authorization", JD_APP), (String) null), 400, "INVALID_FIELD", "from");
        assertProblem(http.send("GET", "/api/reports/binding-funnel?from=2026-01-01&to=%2B999999999-12-31",
                Map.of("Authorization", JD_APP), (String) null), 400, "INVALID_FIELD", "to");
        assertProblem(http.send("GET", "/api/reports/payments?from=1899-12-30&to=2026-02-01",
                Map.of("Authorization", JD_APP), (String) null), 400, "INVALID_FIELD", "from");
        assertProblem(http.send("GET", "/api/reports/payments?from=-1000000000-01-01T00:00:00Z&to=2026-02-01",
                Map.of("Authorization", JD_APP), (String) null), 400, "INVALID_FIELD", "from");
    }

    @Test
    void aClockAdvanceOutOfRangeIs400NamingTheField() {
        for (String advance : new String[] {"P1000000000000D", "PT9223372036854775807S", "P3654D",
                "PT99999999999999999999S", "P9223372036854775807D"}) {
            assertProblem(post("/sandbox/clock", "application/json", "{\"advance\":\"" + advance + "\"}"), 400,
                    "INVALID_FIELD", "advance");
        }
    }

    @Test
    void aNumberOutOfRangeIs400NamingTheField() {
        assertProblem(post("/api/fees/withdrawal-quotes", "application/json", "{\"amount\":1e400,\"days\":10,\"channel\":\"JD_APP\"}"),
                400, "INVALID_FIELD", "amount");
        assertProblem(post("/api/fees/withdrawal-quotes", "application/json", "{\"amount\":1e-400,\"days\":10,\"channel\":\"JD_APP\"}"),
                400, "INVALID_FIELD", "amount");
        assertProblem(post("/api/fees/withdrawal-quotes", "application/json",
                "{\"amount\":1000,\"days\":123456789012345678901234567890,\"channel\":\"JD_APP\"}"), 400, "INVALID_FIELD", "days");
    }
}
