package com.bindflow.fees;

import com.bindflow.support.BindflowSpringTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The fee quotes over HTTP as the JD app backend (jd-app) calls them, with the deployed rate card. */
@BindflowSpringTest
class FeeApiTest {

    @Autowired
    TestRestTemplate anonymous;
    @Autowired
    ObjectMapper json;

    private TestRestTemplate rest;

    @BeforeEach
    void asJdApp() {
        rest = anonymous.withBasicAuth("jd-app", "jd-app-secret");
    }

    private ResponseEntity<JsonNode> post(TestRestTemplate client, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> response = client.postForEntity(path, new HttpEntity<>(body, headers), String.class);
        try {
            return new ResponseEntity<>(json.readTree(response.getBody()), response.getHeaders(), response.getStatusCode());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
    }

    private ResponseEntity<JsonNode> post(String path, String body) {
        return post(rest, path, body);
    }

    private static void assertBadRequest(ResponseEntity<JsonNode> r, String field) {
        Assertions.assertThat(r.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        Assertions.assertThat(r.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        Assertions.assertThat(r.getBody().path("status").asInt()).isEqualTo(400);
        Assertions.assertThat(r.getBody().path("field").asText()).as(r.getBody().toString()).isEqualTo(field);
        Assertions.assertThat(r.getBody().path("detail").asText()).contains(field);
    }

    @Test
    void installmentQuoteOfTheDefaultCardThreePeriodsFullAmount() {
        ResponseEntity<JsonNode> r = post("/api/fees/installment-quotes",
                "{\"amount\":1000,\"periods\":3,\"method\":\"FULL_AMOUNT\",\"channel\":\"JD_APP\"}");
        Assertions.assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode q = r.getBody();
        Assertions.assertThat(q.path("coupon").asText()).isEqualTo("NONE");
        Assertions.assertThat(q.path("rates").path("periodRatePercent").decimalValue()).isEqualByComparingTo("0.87");
        Assertions.assertThat(q.path("schedule")).hasSize(3);
        JsonNode last = q.path("schedule").get(2);
        Assertions.assertThat(last.path("period").asInt()).isEqualTo(3);
        Assertions.assertThat(last.path("principal").decimalValue()).isEqualByComparingTo("333.34");
        Assertions.assertThat(last.path("interestOrFee").decimalValue()).isEqualByComparingTo("8.70");
        Assertions.assertThat(last.path("payment").decimalValue()).isEqualByComparingTo("342.04");
        Assertions.assertThat(last.path("remaining").decimalValue()).isEqualByComparingTo("0");
        Assertions.assertThat(q.path("totals").path("cost").decimalValue()).isEqualByComparingTo("26.10");
        Assertions.assertThat(q.path("totals").path("payment").decimalValue()).isEqualByComparingTo("1026.10");
        Assertions.assertThat(q.path("nominalAnnualRatePercent").decimalValue()).isEqualByComparingTo("10.44");
        Assertions.assertThat(q.path("annualizedRate").path("aprPercent").decimalValue()).isEqualByComparingTo("15.59");
        Assertions.assertThat(q.path("annualizedRate").path("effectivePercent").decimalValue()).isEqualByComparingTo("16.76");
    }

    @Test
    void installmentQuoteOnWechatWithPointsCoupon() {
        ResponseEntity<JsonNode> r = post("/api/fees/installment-quotes",
                "{\"amount\":\"1000.00\",\"periods\":3,\"method\":\"PRINCIPAL_BASED\",\"channel\":\"WECHAT\",\"coupon\":\"WECHAT_POINTS\"}");
        Assertions.assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode first = r.getBody().path("schedule").get(0);
        Assertions.assertThat(first.path("surcharge").decimalValue()).isEqualByComparingTo("5.00");
        Assertions.assertThat(first.path("couponDiscount").decimalValue()).isEqualByComparingTo("14.40");
        Assertions.assertThat(r.getBody().path("totals").path("cost").decimalValue()).isEqualByComparingTo("7.20");
    }

    @Test
    void withdrawalQuoteOnWechat() {
        ResponseEntity<JsonNode> r = post("/api/fees/withdrawal-quotes", "{\"amount\":1000,\"days\":30,\"channel\":\"WECHAT\"}");
        Assertions.assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        Assertions.assertThat(r.getBody().path("interest").decimalValue()).isEqualByComparingTo("15.00");
        Assertions.assertThat(r.getBody().path("serviceFee").decimalValue()).isEqualByComparingTo("1.00");
        Assertions.assertThat(r.getBody().path("repayment").decimalValue()).isEqualByComparingTo("1016.00");
        Assertions.assertThat(r.getBody().path("annualizedRatePercent").decimalValue()).isEqualByComparingTo("19.47");
    }

    @Test
    void overduePenaltyByDaysOrByDates() {
        ResponseEntity<JsonNode> byDays = post("/api/fees/overdue-penalties", "{\"amount\":2000,\"days\":15}");
        Assertions.assertThat(byDays.getStatusCode()).isEqualTo(HttpStatus.OK);
        Assertions.assertThat(byDays.getBody().path("dailyPenalty").decimalValue()).isEqualByComparingTo("1.00");
        Assertions.assertThat(byDays.getBody().path("penalty").decimalValue()).isEqualByComparingTo("15.00");
        Assertions.assertThat(byDays.getBody().has("dueDate")).isFalse();

        ResponseEntity<JsonNode> byDates = post("/api/fees/overdue-penalties",
                "{\"amount\":2000,\"dueDate\":\"2026-03-10\",\"asOf\":\"2026-03-25\"}");
        Assertions.assertThat(byDates.getStatusCode()).isEqualTo(HttpStatus.OK);
        Assertions.assertThat(byDates.getBody().path("days").asInt()).isEqualTo(15);
        Assertions.assertThat(byDates.getBody().path("penalty").decimalValue()).isEqualByComparingTo("15.00");
        Assertions.assertThat(byDates.getBody().path("dueDate").asText()).isEqualTo("2026-03-10");
    }

    @ParameterizedTest(name = "{0} → 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"periods\":3,\"method\":\"FULL_AMOUNT\",\"channel\":\"JD_APP\"}|amount",
            "{\"amount\":0,\"periods\":3,\"method\":\"FULL_AMOUNT\",\"channel\":\"JD_APP\"}|amount",
            "{\"amount\":-100,\"periods\":3,\"method\":\"FULL_AMOUNT\",\"channel\":\"JD_APP\"}|amount",
            "{\"amount\":100.001,\"periods\":3,\"method\":\"FULL_AMOUNT\",\"channel\":\"JD_APP\"}|amount",
            "{\"amount\":\"lots\",\"periods\":3,\"method\":\"FULL_AMOUNT\",\"channel\":\"JD_APP\"}|amount",
            "{\"amount\":1e999999,\"periods\":3,\"method\":\"FULL_AMOUNT\",\"channel\":\"JD_APP\"}|amount",
            "{\"amount\":1000,\"method\":\"FULL_AMOUNT\",\"channel\":\"JD_APP\"}|periods",
            "{\"amount\":1000,\"periods\":5,\"method\":\"FULL_AMOUNT\",\"channel\":\"JD_APP\"}|periods",
            "{\"amount\":1000,\"periods\":0,\"method\":\"FULL_AMOUNT\",\"channel\":\"JD_APP\"}|periods",
            "{\"amount\":1000,\"periods\":3.5,\"method\":\"FULL_AMOUNT\",\"channel\":\"JD_APP\"}|periods",
            "{\"amount\":1000,\"periods\":3,\"channel\":\"JD_APP\"}|method",
            "{\"amount\":1000,\"periods\":3,\"method\":\"FLAT\",\"channel\":\"JD_APP\"}|method",
            "{\"amount\":1000,\"periods\":3,\"method\":\"FULL_AMOUNT\"}|channel",
            "{\"amount\":1000,\"periods\":3,\"method\":\"FULL_AMOUNT\",\"channel\":\"ALIPAY\"}|channel",
            "{\"amount\":1000,\"periods\":3,\"method\":\"FULL_AMOUNT\",\"channel\":\"JD_APP\",\"coupon\":\"WECHAT_POINTS\"}|coupon",
            "{\"amount\":10,\"periods\":24,\"method\":\"FULL_AMOUNT\",\"channel\":\"JD_APP\"}|amount",
    })
    void badInstallmentRequests(String body, String field) {
        assertBadRequest(post("/api/fees/installment-quotes", body), field);
    }

    @ParameterizedTest(name = "{0} → 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"days\":30,\"channel\":\"JD_APP\"}|amount",
            "{\"amount\":0,\"days\":30,\"channel\":\"JD_APP\"}|amount",
            "{\"amount\":1000.5,\"channel\":\"JD_APP\"}|days",
            "{\"amount\":1000,\"days\":0,\"channel\":\"JD_APP\"}|days",
            "{\"amount\":1000,\"days\":1.5,\"channel\":\"JD_APP\"}|days",
            "{\"amount\":1000,\"days\":99999999999,\"channel\":\"JD_APP\"}|days",
            "{\"amount\":1000,\"days\":30}|channel",
    })
    void badWithdrawalRequests(String body, String field) {
        assertBadRequest(post("/api/fees/withdrawal-quotes", body), field);
    }

    @ParameterizedTest(name = "{0} → 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"days\":3}|amount",
            "{\"amount\":-1,\"days\":3}|amount",
            "{\"amount\":100}|days",
            "{\"amount\":100,\"days\":-1}|days",
            "{\"amount\":100,\"days\":3,\"dueDate\":\"2026-03-10\",\"asOf\":\"2026-03-25\"}|days",
            "{\"amount\":100,\"dueDate\":\"2026-03-10\"}|asOf",
            "{\"amount\":100,\"asOf\":\"2026-03-10\"}|dueDate",
            "{\"amount\":100,\"dueDate\":\"10/03/2026\",\"asOf\":\"2026-03-25\"}|dueDate",
    })
    void badPenaltyRequests(String body, String field) {
        assertBadRequest(post("/api/fees/overdue-penalties", body), field);
    }

    @Test
    void onlyForAuthenticatedApiClients() {
        ResponseEntity<JsonNode> r = post(anonymous, "/api/fees/overdue-penalties", "{\"amount\":2000,\"days\":15}");
        Assertions.assertThat(r.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        Assertions.assertThat(post(anonymous, "/api/fees/installment-quotes", "{}").getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }
}
