package com.bindflow.operations;

import com.bindflow.freeze.CreditLineFreezeService;
import com.bindflow.freeze.FreezeCause;
import com.bindflow.payment.PaymentTestSupport;
import com.bindflow.payment.Scenario;
import java.util.Arrays;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The named metrics in {@code /actuator/prometheus}, as an operator scrapes them: a binding driven to ACTIVE, one
 * cancelled, a payment, a freeze and its lift; each metric with its tags, counted by exactly what happened (the
 * difference between a scrape before and one after: the suite shares one application).
 */
class MetricsTest extends PaymentTestSupport {

    @Autowired
    CreditLineFreezeService freezes;

    private String scrape() {
        ResponseEntity<String> r = anonymous.withBasicAuth("ops1", "ops1").getForEntity("/actuator/prometheus", String.class);
        Assertions.assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        return r.getBody();
    }

    /** The sum of the samples of {@code name} whose labels include every one of {@code labels}. */
    static double value(String scrape, String name, Map<String, String> labels) {
        return scrape.lines().filter(l -> !l.startsWith("#"))
                .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .filter(l -> labels.entrySet().stream().allMatch(e -> l.contains(e.getKey() + "=\"" + e.getValue() + "\"")))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static double delta(String before, String after, String name, String... labels) {
        Map<String, String> wanted = new java.util.LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return value(after, name, wanted) - value(before, name, wanted);
    }

    @Test
    void aReviewPastItsSlaCountsOneBreachAndOneEscalation() {
        String before = scrape();
        startBinding("demo-cashout");
        runJobs();
        advance(java.time.Duration.ofDays(10));
        runJobs();

        String after = scrape();
        Assertions.assertThat(delta(before, after, "bindflow_review_sla_breaches_total", "review", "eligibility")).isEqualTo(1);
        Assertions.assertThat(delta(before, after, "bindflow_review_escalations_total", "review", "eligibility")).isEqualTo(1);
    }

    @Test
    void eachNamedMetricCountsWhatHappenedWithItsTags() {
        String before = scrape();

        String active = activeBinding("demo-ok");
        String cancelled = startBinding("demo-ok.c77").id();
        runJobs();
        bindingService.cancel(cancelled);
        authorize("demo-ok", Scenario.ONLINE, "100.00", "Shanghai");
        freezes.freeze("demo-ok", FreezeCause.RISK, "metrics test", "metrics-evidence-1");
        freezes.lift("demo-ok", FreezeCause.RISK, "metrics test: lifted");
        runJobs();

        String after = scrape();
        Assertions.assertThat(active).isNotBlank();
        Assertions.assertThat(delta(before, after, "bindflow_bindings_started_total", "channel", "JD_APP")).isEqualTo(2);
        Assertions.assertThat(delta(before, after, "bindflow_bindings_ended_total",
                "channel", "JD_APP", "status", "CANCELLED", "reason", "CUSTOMER_CANCELLED")).isEqualTo(1);
        for (String step : new String[] {"checking_eligibility", "awaiting_agreement", "awaiting_otp",
                "awaiting_wechat_authorization", "awaiting_preferences", "awaiting_face_verification", "verifying_payment"}) {
            Assertions.assertThat(delta(before, after, "bindflow_binding_step_seconds_count", "step", step, "channel", "JD_APP"))
                    .as(step).isGreaterThanOrEqualTo(1);
        }
        Assertions.assertThat(delta(before, after, "bindflow_payment_decisions_seconds_count",
                "scenario", "ONLINE", "decision", "APPROVED", "reason", "none")).isEqualTo(1);
        Assertions.assertThat(delta(before, after, "bindflow_payment_decisions_seconds_bucket",
                "scenario", "ONLINE", "decision", "APPROVED", "le", "+Inf")).as("the latency histogram").isEqualTo(1);
        Assertions.assertThat(delta(before, after, "bindflow_credit_freezes_total", "cause", "RISK")).isEqualTo(1);
        Assertions.assertThat(delta(before, after, "bindflow_credit_unfreezes_total", "cause", "RISK")).isEqualTo(1);
        Assertions.assertThat(delta(before, after, "bindflow_wechat_notifications_lag_seconds_count",
                "event", "CONTRACT.AUTHORIZED")).isGreaterThanOrEqualTo(1);
        // gauges read from the engine: the RISK freeze opened an Unfreeze case waiting for the customer's proof
        Assertions.assertThat(after).contains("bindflow_tasks_open{application=\"bindflow\",group=\"risk-reviewers\"}");
        Assertions.assertThat(value(after, "bindflow_incidents_open", Map.of())).isZero();
        // the outside calls' timer is there (no call in the sandbox), and no metric name breaks the conventions
        Assertions.assertThat(Arrays.stream(after.split("\n")).filter(l -> l.startsWith("bindflow_"))
                .map(l -> l.substring(0, l.indexOf('{') < 0 ? l.indexOf(' ') : l.indexOf('{'))))
                .allMatch(n -> n.matches("bindflow(_[a-z0-9]+)+"));
    }
}
