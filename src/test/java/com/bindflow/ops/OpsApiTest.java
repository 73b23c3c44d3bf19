package com.bindflow.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.bindflow.support.ProcessTestSupport;
import com.bindflow.support.WebappSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The dashboard's data behind the staff login: the Camunda webapps' session of an operator or administrator; anyone
 * else a problem (401 with where to log in, 403), API clients included; the period from the engine clock; bad dates a
 * 400 naming the field.
 */
class OpsApiTest extends ProcessTestSupport {

    @Autowired
    TestRestTemplate anonymous;
    @Autowired
    ObjectMapper json;

    private JsonNode body(ResponseEntity<String> response) throws Exception {
        return json.readTree(response.getBody());
    }

    @Test
    void withoutAStaffLoginTheDataIsAProblemAndThePageOffersTheLogin() throws Exception {
        ResponseEntity<String> anonymousCall = anonymous.getForEntity("/ops/api/dashboard", String.class);
        assertThat(anonymousCall.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymousCall.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(body(anonymousCall).path("code").asText()).isEqualTo("LOGIN_REQUIRED");
        assertThat(body(anonymousCall).path("login").asText()).isEqualTo("/camunda/api/admin/auth/user/default");
        // an API client is no member of the staff
        ResponseEntity<String> apiClient = anonymous.withBasicAuth("jd-app", "jd-app-secret")
                .getForEntity("/ops/api/dashboard", String.class);
        assertThat(apiClient.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

        ResponseEntity<String> page = anonymous.getForEntity("/ops", String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).contains("/webjars/chart.js/4.4.1/dist/chart.umd.js").contains("id=\"login-form\"");
        assertThat(anonymous.getForEntity("/webjars/chart.js/4.4.1/dist/chart.umd.js", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void aReviewerIsLoggedInButNotAllowed() throws Exception {
        WebappSession reviewer = new WebappSession(anonymous);
        assertThat(reviewer.login("reviewer1", "reviewer1", "tasklist").is2xxSuccessful()).isTrue();

        ResponseEntity<String> r = reviewer.exchange(HttpMethod.GET, "/ops/api/dashboard", null);

        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(r.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(body(r).path("code").asText()).isEqualTo("NOT_ALLOWED");
        assertThat(body(r).path("detail").asText()).contains("reviewer1").contains("operators");
    }

    @Test
    void anOperatorsDefaultPeriodIsTheSevenDaysUpToTodayByTheEngineClock() throws Exception {
        advance(Duration.ofDays(2)); // T0 + 2 days: Friday 2026-03-13, 10:00 in Beijing
        for (String user : new String[] {"ops1", "admin"}) {
            WebappSession staff = new WebappSession(anonymous);
            assertThat(staff.login(user, user, "welcome").is2xxSuccessful()).as(user).isTrue();

            ResponseEntity<String> me = staff.exchange(HttpMethod.GET, "/ops/api/me", null);
            assertThat(body(me).path("userId").asText()).isEqualTo(user);
            ResponseEntity<String> r = staff.exchange(HttpMethod.GET, "/ops/api/dashboard", null);

            assertThat(r.getStatusCode()).as(user).isEqualTo(HttpStatus.OK);
            JsonNode d = body(r);
            assertThat(d.path("testClock").asBoolean()).isTrue();
            assertThat(d.path("now").asText()).isEqualTo("2026-03-13T02:00:00Z");
            assertThat(d.path("today").asText()).isEqualTo("2026-03-13");
            assertThat(d.path("period").path("from").asText()).isEqualTo("2026-03-07");
            assertThat(d.path("period").path("to").asText()).isEqualTo("2026-03-14");
            assertThat(d.path("funnel").path("period").path("from").asText()).isEqualTo("2026-03-06T16:00:00Z");
            assertThat(d.path("reviews").get(0).path("kind").asText()).isEqualTo("ELIGIBILITY");
            assertThat(d.path("reviews").get(1).path("kind").asText()).isEqualTo("UNFREEZE");
            assertThat(d.path("incidents").path("open").asLong()).isZero();
        }
    }

    @Test
    void badDatesAreProblemsNamingTheField() throws Exception {
        WebappSession staff = new WebappSession(anonymous);
        staff.login("ops1", "ops1", "welcome");

        JsonNode badFrom = body(staff.exchange(HttpMethod.GET, "/ops/api/dashboard?from=yesterday", null));
        assertThat(badFrom.path("status").asInt()).isEqualTo(400);
        assertThat(badFrom.path("field").asText()).isEqualTo("from");
        JsonNode reversed = body(staff.exchange(HttpMethod.GET, "/ops/api/dashboard?from=2026-03-10&to=2026-03-01", null));
        assertThat(reversed.path("code").asText()).isEqualTo("INVALID_PERIOD");
        assertThat(reversed.path("field").asText()).isEqualTo("to");
        JsonNode tooLong = body(staff.exchange(HttpMethod.GET, "/ops/api/dashboard?from=2020-01-01&to=2026-01-01", null));
        assertThat(tooLong.path("field").asText()).isEqualTo("to");
        assertThat(tooLong.path("detail").asText()).contains("366 days");
        JsonNode year = body(staff.exchange(HttpMethod.GET, "/ops/api/dashboard?to=12026-01-01", null));
        assertThat(year.path("field").asText()).isEqualTo("to");
    }
}
