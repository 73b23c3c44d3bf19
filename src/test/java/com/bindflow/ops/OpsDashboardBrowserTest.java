package com.bindflow.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.bindflow.support.Browser;
import com.bindflow.support.JdAppApi;
import com.bindflow.support.ProcessTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.runtime.Incident;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;

/**
 * The operators' dashboard in a real browser (headless Chromium): the staff login on the page, then the charts drawn
 * with the figures of the records this test made, read from the page (the numbers it writes and the data each chart
 * drew, never pixels); the period picker, and a bad period shown as the problem's detail. Screenshots:
 * {@code target/screenshots/ops-*.png}.
 */
class OpsDashboardBrowserTest extends ProcessTestSupport {

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate anonymous;
    @Autowired
    ObjectMapper json;

    @Test
    void anOperatorLogsInAndSeesTheChartsWithTheFiguresOfThePeriod() throws Exception {
        JdAppApi api = new JdAppApi(anonymous, json);
        // an eligibility review left past its SLA (created 10 days before "today", so outside the 7-day period)
        startBinding("demo-cashout");
        runJobs();
        advance(Duration.ofDays(10));
        // today (the test clock): Saturday 2026-03-21, 10:00 in Beijing
        Instant now = now();
        // a review within its SLA, an incident (JD Finance times out, 3 retries 10 s apart), an Unfreeze review
        startBinding("demo-cashout.c1");
        runJobs();
        startBinding("demo-jd-outage");
        for (int i = 0; i < 6 && engine.getRuntimeService().createIncidentQuery().count() == 0; i++) {
            advance(Duration.ofSeconds(10));
        }
        // the failed job's incident (in EligibilityCheck), and the one it raises on the calling Binding
        assertThat(engine.getRuntimeService().createIncidentQuery().count()).isEqualTo(2);
        Incident incident = engine.getRuntimeService().createIncidentQuery().list().stream()
                .filter(i -> i.getId().equals(i.getRootCauseIncidentId())).findFirst().orElseThrow();
        assertThat(api.post("/sandbox/accounts/demo-ok/freezes",
                "{\"cause\":\"RISK\",\"evidenceRef\":\"auth-1\",\"reason\":\"5 cross-city scans\"}").getStatusCode())
                .isEqualTo(HttpStatus.OK);
        runJobs();
        assertThat(api.post("/api/accounts/demo-ok/unfreeze-requests", "{\"trips\":[{\"city\":\"Shanghai\","
                + "\"startDate\":\"2026-03-18\",\"endDate\":\"2026-03-19\"}],\"documentRef\":\"12306-E1\"}")
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        runJobs();
        // bindings and payments of the period, with exact times
        OpsTestData data = new OpsTestData(jdbc);
        Instant yesterday = now.minus(Duration.ofDays(1));
        data.activeBinding("J1", "JD_APP", yesterday, 200);
        data.activeBinding("J2", "JD_APP", yesterday.plusSeconds(60), 300);
        data.activeBinding("J3", "JD_APP", yesterday.plusSeconds(120), 400);
        data.endedBinding("J4", "JD_APP", yesterday.plusSeconds(180), "REJECTED", "ACCOUNT_OVERDUE");
        data.activeBinding("W1", "WECHAT", yesterday.plusSeconds(240), 600);
        data.endedBinding("W2", "WECHAT", yesterday.plusSeconds(300), "FAILED", "THIRD_PARTY_AUTH_OFF");
        data.endedBinding("W3", "WECHAT", yesterday.plusSeconds(360), "FAILED", "THIRD_PARTY_AUTH_OFF");
        Instant paid = now.minus(Duration.ofHours(2));
        for (int i = 0; i < 3; i++) {
            data.payment("ONLINE", "APPROVED", null, paid);
        }
        data.payment("ONLINE", "DECLINED", "SINGLE_LIMIT", paid);
        data.technicalFailure("ONLINE", "OUTSIDE_SYSTEM_UNAVAILABLE", paid);
        data.payment("OFFLINE_SCAN", "APPROVED", null, paid);
        data.payment("OFFLINE_SCAN", "DECLINED", "OFFLINE_DAILY_LIMIT", paid);
        data.payment("OFFLINE_SCAN", "FROZEN", "CROSS_CITY_SCAN_BURST", paid);

        Browser browser = Browser.at(port);
        browser.open("/ops");
        browser.visible(By.id("username")).sendKeys("ops1");
        browser.visible(By.id("password")).sendKeys("ops1");
        browser.click(By.id("login-button"));
        loaded(browser);
        browser.wholePage(() -> browser.screenshot("ops-dashboard"));

        WebElement clock = browser.driver().findElement(By.id("clock"));
        assertThat(clock.getAttribute("data-test-clock")).isEqualTo("true");
        assertThat(clock.getAttribute("data-today")).isEqualTo("2026-03-21");
        assertThat(clock.getText()).startsWith("Test clock now: 2026-03-21 10:00").contains("(Beijing) · today 2026-03-21");
        assertThat(browser.driver().findElement(By.id("user")).getText()).isEqualTo("ops1");
        assertThat(browser.driver().findElement(By.id("from")).getAttribute("value")).isEqualTo("2026-03-15");
        assertThat(browser.driver().findElement(By.id("to")).getAttribute("value")).isEqualTo("2026-03-22");

        // the funnel: JD app 4 records + the two engine bindings of the period (the review, the outage); WeChat 3
        assertThat(kpi(browser, "jdStarted")).isEqualTo("6");
        assertThat(kpi(browser, "wechatStarted")).isEqualTo("3");
        assertThat(kpi(browser, "jdSuccessRate")).isEqualTo("50.00%");
        assertThat(kpi(browser, "wechatSuccessRate")).isEqualTo("33.33%");
        assertThat(kpi(browser, "gap")).isEqualTo("16.67");
        JsonNode funnel = chart(browser, "funnel-chart");
        assertThat(funnel.path("labels").get(0).asText()).isEqualTo("CHECKING_ELIGIBILITY");
        assertThat(series(funnel, 0)).containsExactly("JD_APP", "6", "1", "3", "0", "0", "0", "0", "0", "3");
        assertThat(series(funnel, 1)).containsExactly("WECHAT", "3", "0", "1", "0", "0", "0", "0", "0", "1");

        // time to ACTIVE: 200, 300, 400 s (median 300, p90 by nearest rank 400); WeChat 600 s
        assertThat(kpi(browser, "jdMedian")).isEqualTo("300.0");
        assertThat(kpi(browser, "jdP90")).isEqualTo("400.0");
        assertThat(kpi(browser, "wechatMedian")).isEqualTo("600.0");
        assertThat(kpi(browser, "wechatP90")).isEqualTo("600.0");
        JsonNode time = chart(browser, "time-chart");
        assertThat(series(time, 0)).containsExactly("JD_APP", "300", "400", "300");
        assertThat(series(time, 1)).containsExactly("WECHAT", "600", "600", "600");

        // reviews: one eligibility review overdue, one within its SLA; the Unfreeze review due within 12 h
        JsonNode reviews = chart(browser, "reviews-chart");
        assertThat(series(reviews, 0)).containsExactly("overdue", "1", "0");
        assertThat(series(reviews, 1)).containsExactly("due within 24 h", "0", "1");
        assertThat(series(reviews, 2)).containsExactly("later", "1", "0");
        assertThat(browser.driver().findElements(By.cssSelector("#review-table tr.overdue"))).hasSize(1);
        assertThat(browser.driver().findElement(By.cssSelector("[data-review=ELIGIBILITY]")).getAttribute("data-open"))
                .isEqualTo("2");

        // payments: 8 decided attempts, 4 failed; ONLINE 2 of 5, OFFLINE_SCAN 2 of 3
        assertThat(kpi(browser, "paymentFailureRate")).isEqualTo("50.00%");
        assertThat(kpi(browser, "paymentAttempts")).isEqualTo("8");
        JsonNode payments = chart(browser, "payments-chart");
        assertThat(payments.path("labels").toString())
                .isEqualTo("[\"ONLINE\",\"OFFLINE_SCAN\",\"TRANSFER\",\"VIRTUAL_TOPUP\",\"CROSS_BORDER\"]");
        assertThat(series(payments, 0)).containsExactly("failure rate (%)", "40", "66.67", "null", "null", "null");
        JsonNode reasons = chart(browser, "reasons-chart");
        assertThat(reasons.path("labels").toString()).isEqualTo(
                "[\"CROSS_CITY_SCAN_BURST\",\"OFFLINE_DAILY_LIMIT\",\"OUTSIDE_SYSTEM_UNAVAILABLE\",\"SINGLE_LIMIT\"]");
        assertThat(series(reasons, 0)).containsExactly("failed payments", "1", "1", "1", "1");

        // the incident, linked into Cockpit
        assertThat(kpi(browser, "incidents")).isEqualTo("1");
        WebElement link = browser.driver().findElement(By.cssSelector("a[data-incident='" + incident.getId() + "']"));
        assertThat(link.getAttribute("href"))
                .endsWith("/camunda/app/cockpit/default/#/process-instance/" + incident.getProcessInstanceId() + "/runtime");

        // every chart was drawn by Chart.js
        for (String id : List.of("funnel-chart", "time-chart", "reviews-chart", "payments-chart", "reasons-chart")) {
            assertThat(browser.js("return Chart.getChart(document.getElementById(arguments[0])) != null", id))
                    .as(id).isEqualTo(true);
        }

        // the period picker: a day with nothing; then a period that ends before it starts: the problem's detail
        pick(browser, "2026-03-01", "2026-03-02");
        loaded(browser);
        assertThat(kpi(browser, "jdStarted")).isEqualTo("0");
        assertThat(kpi(browser, "paymentAttempts")).isEqualTo("0");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/ops?from=2026-03-01&to=2026-03-02");
        pick(browser, "2026-03-10", "2026-03-01");
        browser.await(d -> "error".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")));
        assertThat(browser.visible(By.id("error")).getText()).startsWith("to: The period is [from, to)");
        browser.screenshot("ops-period-error");
        browser.click(By.id("last7"));
        loaded(browser);
        assertThat(kpi(browser, "jdStarted")).isEqualTo("6");
    }

    private static void loaded(Browser browser) {
        browser.await(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")));
    }

    private static void pick(Browser browser, String from, String to) {
        browser.js("document.getElementById('from').value = arguments[0];"
                + "document.getElementById('to').value = arguments[1];", from, to);
        browser.click(By.id("apply"));
    }

    private static String kpi(Browser browser, String name) {
        return browser.driver().findElement(By.cssSelector("[data-kpi=" + name + "]")).getText();
    }

    private JsonNode chart(Browser browser, String id) throws Exception {
        return json.readTree(browser.driver().findElement(By.id(id)).getAttribute("data-chart"));
    }

    /** The label of a chart's dataset, then its values as text. */
    private static List<String> series(JsonNode chart, int dataset) {
        JsonNode d = chart.path("datasets").get(dataset);
        List<String> values = new ArrayList<>();
        values.add(d.path("label").asText());
        d.path("data").forEach(v -> values.add(v.isNull() ? "null" : v.asText()));
        return values;
    }
}
