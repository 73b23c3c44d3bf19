package com.bindflow.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The seed's risk case through the API (SPEC §5): within 2 hours of binding, five cross-city offline scans each close
 * to the 2000 limit → the credit line is frozen. The daily cap refuses the 2nd to 4th; they count as attempts all the same.
 */
class SeedBurstApiTest extends PaymentTestSupport {

    @org.springframework.beans.factory.annotation.Autowired
    com.bindflow.freeze.CreditLineFreezeService freezeService;

    private JsonNode scanAfter(Duration sinceActivation, String amount, String city) {
        setClock(T0.plus(sinceActivation));
        return authorize("demo-ok", Scenario.OFFLINE_SCAN, amount, city);
    }

    @Test
    void fiveNearLimitScansFromFiveCitiesWithinTwoHoursOfBindingFreezeTheCreditLine() {
        activeBinding("demo-ok");
        assertThat(binding(bindingRepository.findOpenByUser("demo-ok").orElseThrow().id()).wechat().activatedAt()).isEqualTo(T0);

        JsonNode first = scanAfter(Duration.ofMinutes(10), "1800.00", "Shanghai");
        assertThat(decision(first)).isEqualTo("APPROVED");
        for (JsonNode refused : List.of(scanAfter(Duration.ofMinutes(30), "1900.00", "Hangzhou"),
                scanAfter(Duration.ofMinutes(50), "1850.00", "Suzhou"),
                scanAfter(Duration.ofMinutes(70), "1999.99", "Nanjing"))) {
            assertThat(decision(refused)).isEqualTo("DECLINED");
            assertThat(reasons(refused)).containsExactly("OFFLINE_DAILY_LIMIT");
        }
        JsonNode fifth = scanAfter(Duration.ofMinutes(119), "1800.00", "Hefei");

        assertThat(decision(fifth)).isEqualTo("FROZEN");
        assertThat(reasons(fifth)).containsExactly("CROSS_CITY_SCAN_BURST");
        assertThat(fifth.path("risk").path("fired")).extracting(JsonNode::asText).containsExactly("burst");
        assertThat(fifth.path("risk").path("layers").get(2).path("detail").asText())
                .contains("5 OFFLINE_SCAN attempts", "from 5 cities");
        List<Map<String, Object>> freezes = jdbc.queryForList("select user_id, cause, reason, evidence_ref, lifted_at "
                + "from credit_line_freeze");
        assertThat(freezes).singleElement().satisfies(f -> {     // (the row map ignores the case of column names)
            assertThat(f.get("user_id")).isEqualTo("demo-ok");
            assertThat(f.get("cause")).isEqualTo("RISK");
            assertThat(f.get("evidence_ref")).isEqualTo(fifth.path("id").asText());
            assertThat((String) f.get("reason")).startsWith("CROSS_CITY_SCAN_BURST: 5 OFFLINE_SCAN attempts");
            assertThat(f.get("lifted_at")).isNull();
        });

        // afterwards every scenario is refused as frozen, and nothing more is frozen
        advance(Duration.ofDays(1));
        for (Scenario scenario : Scenario.values()) {
            JsonNode a = authorize("demo-ok", scenario, "1.00", "Shanghai");
            assertThat(decision(a)).as(scenario.name()).isEqualTo("FROZEN");
            assertThat(reasons(a)).containsExactly("ACCOUNT_FROZEN");
        }
        assertThat(rows("credit_line_freeze")).isOne();
        assertThat(figures("demo-ok").wechatExposure()).isEqualByComparingTo("1800.00");
        // the first scan can still be reversed (giving back is never refused)
        assertThat(reverse(first.path("id").asText()).getBody().has("reversedAt")).isTrue();
        assertThat(figures("demo-ok").wechatExposure()).isEqualByComparingTo("0.00");
    }

    @Test
    void fiveNearLimitScansFromOneCityFreezeNothing() {
        activeBinding("demo-ok");
        for (int i = 1; i <= 6; i++) {
            assertThat(decision(scanAfter(Duration.ofMinutes(10L * i), "1900.00", "Shanghai"))).isNotEqualTo("FROZEN");
        }
        assertThat(rows("credit_line_freeze")).isZero();
    }

    @Test
    void aFifthNearLimitScanTwoHoursAfterActivationAndScansUnderNinetyPercentFreezeNothing() {
        activeBinding("demo-ok");
        for (int i = 1; i <= 4; i++) {
            scanAfter(Duration.ofMinutes(10L * i), "1800.00", "City-" + i);
        }
        for (int i = 1; i <= 3; i++) {
            assertThat(decision(scanAfter(Duration.ofMinutes(60 + i), "1799.99", "Other-" + i))).isEqualTo("DECLINED");
        }
        JsonNode late = scanAfter(Duration.ofHours(2), "1800.00", "City-5");
        assertThat(decision(late)).isEqualTo("DECLINED");
        assertThat(rows("credit_line_freeze")).isZero();
    }

    @Test
    void afterAnUnfreezeTheScansTheReviewJudgedDoNotFreezeTheLineAgain() {
        activeBinding("demo-ok");
        String[] cities = {"Shanghai", "Hangzhou", "Suzhou", "Nanjing", "Hefei"};
        JsonNode last = null;
        for (int i = 0; i < cities.length; i++) {
            last = scanAfter(Duration.ofMinutes(10 + 10 * i), "1900.00", cities[i]);
        }
        assertThat(decision(last)).isEqualTo("FROZEN");
        assertThat(freezeService.lift("demo-ok", com.bindflow.freeze.FreezeCause.RISK, "travel proof approved")).isOne();

        // still within 2 h of activation: one more near-limit scan from yet another city is judged on its own
        JsonNode after = scanAfter(Duration.ofMinutes(70), "1900.00", "Wuxi");
        assertThat(decision(after)).isNotEqualTo("FROZEN");
        assertThat(reasons(after)).doesNotContain("CROSS_CITY_SCAN_BURST");
        assertThat(rows("credit_line_freeze")).isOne();
    }
}
