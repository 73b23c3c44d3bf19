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
 * Strict JSON on /api and /sandbox (issue 10, point 4; {@link StrictJson}): a value of the wrong JSON type is a 400
 * naming the field, never taken to mean something else. Each case is a test of its own.
 */
@BindflowSpringTest
class StrictJsonTest {

    static final String INSTALLMENTS = "/api/fees/installment-quotes";
    static final String PENALTY = "/api/fees/overdue-penalties";
    static final String WITHDRAWAL = "/api/fees/withdrawal-quotes";

    @LocalServerPort
    int port;

    RawHttp http;

    @BeforeEach
    void client() {
        http = new RawHttp(port);
    }

    private RawHttp.Response post(String path, String body) {
        return http.send("POST", path, Map.of("Authorization", RawHttp.basic("jd-app", "jd-app-secret"),
                "Content-Type", "application/json", "Idempotency-Key", "strict-json-test"), body);
    }

    private void assertRefused(String path, String body, String field) {
        RawHttp.Response response = post(path, body);
        assertThat(response.status()).as("%s", response).isEqualTo(400);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.json().path("code").asText()).isEqualTo("INVALID_FIELD");
        assertThat(response.json().path("field").asText()).as("%s", response).isEqualTo(field);
    }

    private static String installments(String channel, String method, String coupon) {
        return "{\"amount\":1000,\"periods\":3,\"method\":" + method + ",\"channel\":" + channel + ",\"coupon\":" + coupon + "}";
    }

    private RawHttp.Response post(String path, String client, String body) {
        return http.send("POST", path, Map.of("Authorization", RawHttp.basic(client, client + "-secret"),
                "Content-Type", "application/json", "Idempotency-Key", "strict-json-control-test"), body);
    }

    private void assertRefused(String path, String client, String body, String field) {
        RawHttp.Response response = post(path, client, body);
        assertThat(response.status()).as("%s", response).isEqualTo(400);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.json().path("code").asText()).isEqualTo("INVALID_FIELD");
        assertThat(response.json().path("field").asText()).as("%s", response).isEqualTo(field);
        assertThat(response.json().path("detail").asText()).doesNotContain("\u0000");
    }

    private static String payment(String city, String purpose, String payeeId) {
        return "{\"userId\":\"demo-ok\",\"scenario\":\"TRANSFER\",\"amount\":12.34,\"payee\":{\"type\":\"PERSONAL\",\"id\":\""
                + payeeId + "\"},\"purpose\":\"" + purpose + "\",\"city\":\"" + city + "\",\"occurredAt\":\""
                + org.camunda.bpm.engine.impl.util.ClockUtil.now().toInstant() + "\"}";
    }

    // ---- text: no control characters, a length limit (review of issue 10: NUL gave 500 on PostgreSQL) -------------

    @Test
    void aNulInAPaymentsTextFieldsIs400NamingIt() {
        String nul = "\\u0000";
        assertRefused("/api/payments/authorizations", "jd-app", payment("Shang" + nul + "hai", "CREDIT_CARD_REPAYMENT", "p-1"), "city");
        assertRefused("/api/payments/authorizations", "jd-app", payment("Shanghai", "CREDIT" + nul, "p-1"), "purpose");
        assertRefused("/api/payments/authorizations", "jd-app", payment("Shanghai", "CREDIT_CARD_REPAYMENT", "p" + nul), "payee.id");
    }

    @Test
    void aNulInAnUnfreezeTripsCityIs400NamingIt() {
        assertRefused("/api/accounts/demo-ok/unfreeze-requests", "jd-app", "{\"trips\":[{\"city\":\"Cheng\\u0000du\","
                + "\"startDate\":\"2026-01-01\",\"endDate\":\"2026-01-03\"}],\"documentRef\":\"doc-1\"}", "trips[0].city");
    }

    @Test
    void aNulInARepaymentsOverdueIdIs400NamingIt() {
        assertRefused("/api/accounts/demo-ok/repayments", "jd-app",
                "{\"overdueId\":\"a\\u0000b\",\"amount\":10.00,\"payInFull\":false}", "overdueId");
    }

    @Test
    void aNulInASandboxFreezeIs400NamingTheField() {
        assertRefused("/sandbox/accounts/demo-ok/freezes", "jd-app",
                "{\"cause\":\"RISK\",\"reason\":\"a\\u0000b\",\"evidenceRef\":\"ev-1\"}", "reason");
        assertRefused("/sandbox/accounts/demo-ok/freezes", "jd-app",
                "{\"cause\":\"RISK\",\"reason\":\"r\",\"evidenceRef\":\"ev\\u0000\"}", "evidenceRef");
    }

    /** Every text field of the API is one line: a tab, a line break, an escape or a C1 control is refused too. */
    @Test
    void otherControlCharactersInTextAre400() {
        for (String control : List.of("\\t", "\\n", "\\r", "\\u001b", "\\u007f", "\\u0085")) {
            assertRefused("/api/payments/authorizations", "jd-app", payment("Shang" + control + "hai", "CREDIT_CARD_REPAYMENT", "p-1"),
                    "city");
        }
    }

    @Test
    void aTextLongerThanTheLimitIs400() {
        String longText = "x".repeat(StrictJson.MAX_TEXT_LENGTH + 1);
        assertRefused("/sandbox/accounts/demo-ok/freezes", "jd-app",
                "{\"cause\":\"RISK\",\"reason\":\"" + longText + "\",\"evidenceRef\":\"ev-1\"}", "reason");
        assertRefused("/api/accounts/demo-ok/repayments", "jd-app",
                "{\"overdueId\":\"" + "y".repeat(10_000) + "\",\"amount\":10.00,\"payInFull\":false}", "overdueId");
    }

    // ---- enums by name only ---------------------------------------------------------------------------------------

    @Test
    void anEnumWithATrailingSpaceIs400() {
        assertRefused(INSTALLMENTS, installments("\"WECHAT \"", "\"PRINCIPAL_BASED\"", "\"NONE\""), "channel");
        assertRefused(INSTALLMENTS, installments("\"JD_APP\"", "\" PRINCIPAL_BASED\"", "\"NONE\""), "method");
    }

    @Test
    void enumsByNameAreAccepted() {
        RawHttp.Response response = post(INSTALLMENTS, installments("\"WECHAT\"", "\"PRINCIPAL_BASED\"", "\"WECHAT_POINTS\""));
        assertThat(response.status()).as("%s", response).isEqualTo(200);
    }

    @Test
    void aChannelGivenAsANumberIs400() {
        assertRefused(INSTALLMENTS, installments("1", "\"PRINCIPAL_BASED\"", "\"NONE\""), "channel");
        RawHttp.Response response = post(INSTALLMENTS, installments("1", "\"PRINCIPAL_BASED\"", "\"NONE\""));
        assertThat(response.json().path("detail").asText()).contains("JD_APP, WECHAT");
    }

    @Test
    void aMethodGivenAsANumberIs400() {
        assertRefused(INSTALLMENTS, installments("\"JD_APP\"", "0", "\"NONE\""), "method");
    }

    @Test
    void aCouponGivenAsANumberIs400() {
        assertRefused(INSTALLMENTS, installments("\"WECHAT\"", "\"FULL_AMOUNT\"", "1"), "coupon");
    }

    @Test
    void anEnumGivenAsANumericStringIs400() {
        assertRefused(INSTALLMENTS, installments("\"1\"", "\"PRINCIPAL_BASED\"", "\"NONE\""), "channel");
    }

    @Test
    void anEnumInAnotherCaseIs400() {
        assertRefused(INSTALLMENTS, installments("\"jd_app\"", "\"PRINCIPAL_BASED\"", "\"NONE\""), "channel");
    }

    @Test
    void anEnumGivenAsAnEmptyStringIs400() {
        assertRefused(INSTALLMENTS, installments("\"JD_APP\"", "\"\"", "\"NONE\""), "method");
    }

    // ---- dates only as ISO-8601 strings of the right kind -----------------------------------------------------------

    @Test
    void datesAsIsoStringsAreAccepted() {
        RawHttp.Response response = post(PENALTY, "{\"amount\":1000,\"dueDate\":\"2026-03-10\",\"asOf\":\"2026-03-25\"}");
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.json().path("days").asInt()).isEqualTo(15);
    }

    @Test
    void aDueDateGivenAsANumberIs400() {
        assertRefused(PENALTY, "{\"amount\":1000,\"dueDate\":20260310,\"asOf\":\"2026-03-25\"}", "dueDate");
    }

    @Test
    void anAsOfGivenAsANumberIs400() {
        assertRefused(PENALTY, "{\"amount\":1000,\"dueDate\":\"2026-03-10\",\"asOf\":20260325}", "asOf");
    }

    @Test
    void aDateTimeWhereADateIsExpectedIs400() {
        assertRefused(PENALTY, "{\"amount\":1000,\"dueDate\":\"2026-03-10\",\"asOf\":\"2026-03-25T00:00:00\"}", "asOf");
        assertRefused(PENALTY, "{\"amount\":1000,\"dueDate\":\"2026-03-10T00:00:00Z\",\"asOf\":\"2026-03-25\"}", "dueDate");
    }

    @Test
    void aDateGivenAsAnArrayIs400() {
        assertRefused(PENALTY, "{\"amount\":1000,\"dueDate\":[2026,3,10],\"asOf\":\"2026-03-25\"}", "dueDate");
    }

    @Test
    void anImpossibleDateIs400() {
        assertRefused(PENALTY, "{\"amount\":1000,\"dueDate\":\"2026-02-30\",\"asOf\":\"2026-03-25\"}", "dueDate");
    }

    @Test
    void aDateBeyondTheYear9999Is400() {
        assertRefused(PENALTY, "{\"amount\":1000,\"dueDate\":\"+20260-01-01\",\"asOf\":\"2026-03-25\"}", "dueDate");
    }

    @Test
    void aTripDateGivenAsANumberIs400NamingTheTrip() {
        assertRefused("/api/accounts/demo-ok/unfreeze-requests",
                "{\"trips\":[{\"city\":\"Shanghai\",\"startDate\":\"2026-03-01\",\"endDate\":\"2026-03-02\"},"
                        + "{\"city\":\"Beijing\",\"startDate\":20260302,\"endDate\":\"2026-03-03\"}],\"documentRef\":\"d-1\"}",
                "trips[1].startDate");
    }

    @Test
    void anInstantGivenAsANumberIs400() {
        assertRefused("/api/payments/authorizations", payment("1773100000"), "occurredAt");
    }

    @Test
    void anInstantWithoutAnOffsetIs400() {
        assertRefused("/api/payments/authorizations", payment("\"2026-03-10T10:00:00\""), "occurredAt");
        assertRefused("/api/payments/authorizations", payment("\"2026-03-10\""), "occurredAt");
    }

    private static String payment(String occurredAt) {
        return "{\"userId\":\"demo-ok\",\"scenario\":\"ONLINE\",\"amount\":10,\"payee\":{\"type\":\"MERCHANT\",\"id\":\"m-1\"},"
                + "\"city\":\"Shanghai\",\"occurredAt\":" + occurredAt + "}";
    }

    // ---- numbers and strings ------------------------------------------------------------------------------------------

    @Test
    void aNumberWhereAStringIsExpectedIs400() {
        assertRefused("/api/bindings", "{\"userId\":123,\"channel\":\"JD_APP\"}", "userId");
    }

    @Test
    void aBooleanWhereAStringIsExpectedIs400() {
        assertRefused("/api/bindings/x/agreement", "{\"version\":true,\"accepted\":true}", "version");
    }

    @Test
    void aStringWhereAWholeNumberIsExpectedIs400() {
        assertRefused("/sandbox/traffic", "{\"bindings\":\"5\"}", "bindings");
    }

    @Test
    void aFractionWhereAWholeNumberIsExpectedIs400() {
        assertRefused("/sandbox/traffic", "{\"bindings\":1.5}", "bindings");
        assertRefused("/sandbox/wechat/authorizations/x", "{\"action\":\"APPROVE\",\"priority\":1.5}", "priority");
    }

    @Test
    void aWholeNumberOutOfRangeIs400() {
        assertRefused("/sandbox/traffic", "{\"bindings\":3000000000}", "bindings");
        assertRefused("/sandbox/traffic", "{\"bindings\":1,\"seed\":99999999999999999999}", "seed");
    }

    @Test
    void aStringWhereABooleanIsExpectedIs400() {
        assertRefused("/api/bindings/x/agreement", "{\"version\":\"2026.1\",\"accepted\":\"true\"}", "accepted");
    }

    @Test
    void aNumberWhereABooleanIsExpectedIs400() {
        assertRefused("/api/bindings/x/agreement", "{\"version\":\"2026.1\",\"accepted\":1}", "accepted");
    }

    @Test
    void aNumberBeyondDoubleIs400() {
        assertRefused("/sandbox/traffic", "{\"bindings\":5,\"mix\":{\"wrongCode\":1e400}}", "mix.wrongCode");
        assertRefused("/sandbox/traffic", "{\"bindings\":5,\"mix\":{\"personas\":{\"demo-ok\":-1e999}}}", "mix.personas.demo-ok");
    }

    @Test
    void anAmountMayBeAStringOfPlainDigits() {
        RawHttp.Response response = post(WITHDRAWAL, "{\"amount\":\"1000.00\",\"days\":10,\"channel\":\"JD_APP\"}");
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.json().path("interest").decimalValue()).isEqualByComparingTo("5.00");
    }

    @Test
    void anAmountStringWithAnExponentOrSpacesIs400() {
        assertRefused(WITHDRAWAL, "{\"amount\":\"1e3\",\"days\":10,\"channel\":\"JD_APP\"}", "amount");
        assertRefused(WITHDRAWAL, "{\"amount\":\" 1000\",\"days\":10,\"channel\":\"JD_APP\"}", "amount");
        assertRefused(WITHDRAWAL, "{\"amount\":\"\",\"days\":10,\"channel\":\"JD_APP\"}", "amount");
    }

    @Test
    void anAmountWithTooManyDigitsIs400() {
        assertRefused(WITHDRAWAL, "{\"amount\":1e25,\"days\":10,\"channel\":\"JD_APP\"}", "amount");
        assertRefused(WITHDRAWAL, "{\"amount\":0.0000000000000000000001,\"days\":10,\"channel\":\"JD_APP\"}", "amount");
    }

    @Test
    void aStringWhereAnObjectIsExpectedIs400() {
        assertRefused("/api/payments/authorizations", "{\"userId\":\"demo-ok\",\"scenario\":\"ONLINE\",\"amount\":10,"
                + "\"payee\":\"m-1\",\"city\":\"Shanghai\",\"occurredAt\":\"2026-03-10T02:00:00Z\"}", "payee");
    }

    @Test
    void aRepeatedKeyIs400() {
        assertRefused(INSTALLMENTS, "{\"amount\":1000,\"periods\":3,\"method\":\"FULL_AMOUNT\",\"channel\":\"JD_APP\","
                + "\"channel\":\"WECHAT\"}", "channel");
    }

    @Test
    void somethingAfterTheJsonIs400() {
        assertRefused(WITHDRAWAL, "{\"amount\":1000,\"days\":10,\"channel\":\"JD_APP\"} {\"amount\":1}", "body");
    }

    @Test
    void theEngineRestApiKeepsItsOwnJsonHandling() {
        // Camunda's REST API reads JSON its own way (here a number given as a string): not changed by the strict reading
        RawHttp.Response response = http.send("POST", "/engine-rest/task/count",
                Map.of("Authorization", RawHttp.basic("reviewer1", "reviewer1"), "Content-Type", "application/json"),
                "{\"priority\":\"50\"}");
        assertThat(response.status()).as("%s", response).isEqualTo(200);
    }
}
