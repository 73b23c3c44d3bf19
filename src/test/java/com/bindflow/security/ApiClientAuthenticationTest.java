package com.bindflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.bindflow.support.BindflowSpringTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * HTTP Basic of the API clients ({@code bindflow.security.api-clients}): 401/403/429 problems, the open WeChat path,
 * no lockout by a stranger, and two secrets during a rotation ({@code api-probe} of application-test.yaml).
 */
@BindflowSpringTest
class ApiClientAuthenticationTest {

    /** Any API path that answers 200 to a client: the bindings of a customer who has none. */
    static final String API = "/api/bindings?userId=nobody";

    @Autowired
    TestRestTemplate rest;

    @Autowired
    ObjectMapper objectMapper;

    @Autowired
    @Qualifier("apiClientAuthenticationFilter")
    FilterRegistrationBean<ApiClientAuthenticationFilter> apiClientAuthenticationFilter;

    @Autowired
    WrongCredentialThrottle throttle;

    @AfterEach
    void forgetWrongAttempts() {
        throttle.clear();
    }

    @Test
    void withoutCredentials401WithAChallengeAndAProblem() throws Exception {
        ResponseEntity<String> response = rest.getForEntity("/api/anything", String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Basic realm=\"bindflow\"");
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        JsonNode problem = objectMapper.readTree(response.getBody());
        assertThat(problem.path("status").asInt()).isEqualTo(401);
        assertThat(problem.path("title").asText()).isEqualTo("Unauthorized");
        assertThat(problem.path("code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(problem.path("instance").asText()).isEqualTo("/api/anything");
    }

    @Test
    void aWrongSecretOrAnUnknownClientIs401() {
        for (TestRestTemplate client : new TestRestTemplate[] {
                rest.withBasicAuth("api-probe", "wrong"), rest.withBasicAuth("nobody", "nobody"), rest.withBasicAuth("", "")}) {
            ResponseEntity<String> response = client.getForEntity("/api/anything", String.class);
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Basic realm=\"bindflow\"");
            assertThat(response.getBody()).contains("\"code\":\"UNAUTHENTICATED\"");
        }
        HttpHeaders garbage = new HttpHeaders();
        garbage.set(HttpHeaders.AUTHORIZATION, "Basic not-base64!");
        assertThat(rest.exchange("/api/anything", HttpMethod.GET, new HttpEntity<>(garbage), String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void aStaffUserIsNoApiClient() {
        // /api knows only the configured API clients; Camunda's users (staff, admin) are strangers there
        for (String user : new String[] {"reviewer1", "admin"}) {
            ResponseEntity<String> response = rest.withBasicAuth(user, user).getForEntity(API, String.class);
            assertThat(response.getStatusCode()).as(user).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
    }

    @Test
    void aClientOutsideTheGroupIs403() throws Exception {
        // api-probe is an API client, not a member of the group sandbox
        ResponseEntity<String> response = rest.withBasicAuth("api-probe", "api-probe-new-secret")
                .getForEntity("/sandbox/clock", String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(response.getHeaders().containsKey(HttpHeaders.WWW_AUTHENTICATE)).isFalse();
        JsonNode problem = objectMapper.readTree(response.getBody());
        assertThat(problem.path("status").asInt()).isEqualTo(403);
        assertThat(problem.path("code").asText()).isEqualTo("FORBIDDEN");
    }

    @Test
    void theApiClientPasses() {
        ResponseEntity<String> response = rest.withBasicAuth("jd-app", "jd-app-secret").getForEntity("/api/anything", String.class);

        // no controller there: Spring MVC's 404, not the filter's 401/403
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void bothSecretsOfARotationAreValid() {
        assertThat(rest.withBasicAuth("api-probe", "api-probe-old-secret").getForEntity(API, String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(rest.withBasicAuth("api-probe", "api-probe-new-secret").getForEntity(API, String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        // a secret of another client is no secret of this one
        assertThat(rest.withBasicAuth("api-probe", "jd-app-secret").getForEntity(API, String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    /**
     * A stranger who knows the id jd-app sends 50 wrong secrets from one address: the first 10 are 401s, the rest 429s
     * with Retry-After, and jd-app's right secret still passes at once, from that very address. Nothing is locked.
     */
    @Test
    void fiftyWrongSecretsFromOneSourceAre429sWhileTheRightSecretPassesAtOnce() throws Exception {
        Map<Integer, Integer> statuses = new TreeMap<>();
        ResponseEntity<String> last = null;
        for (int i = 0; i < 50; i++) {
            last = rest.withBasicAuth("jd-app", "guess-" + i).getForEntity(API, String.class);
            statuses.merge(last.getStatusCode().value(), 1, Integer::sum);
        }
        ResponseEntity<String> right = rest.withBasicAuth("jd-app", "jd-app-secret").getForEntity(API, String.class);
        System.out.println("50 wrong secrets for jd-app from one source: " + statuses + "; then the right secret: "
                + right.getStatusCode().value());

        assertThat(statuses).isEqualTo(Map.of(401, 10, 429, 40));
        assertThat(last.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(Long.parseLong(last.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1L, 60L);
        JsonNode problem = objectMapper.readTree(last.getBody());
        assertThat(problem.path("status").asInt()).isEqualTo(429);
        assertThat(problem.path("code").asText()).isEqualTo("TOO_MANY_WRONG_CREDENTIALS");
        assertThat(right.getStatusCode()).isEqualTo(HttpStatus.OK);
        // and the other client of that address too
        assertThat(rest.withBasicAuth("jd-finance", "jd-finance-secret").getForEntity(API, String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void theWeChatNotificationPathIsNotBlocked() {
        ResponseEntity<String> response = rest.postForEntity("/api/wechat/notifications", "{}", String.class);

        assertThat(response.getStatusCode()).isNotIn(HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN);
        assertThat(response.getHeaders().containsKey(HttpHeaders.WWW_AUTHENTICATE)).isFalse();
    }

    @Test
    void onlyThePlainSpellingOfAnOpenPathIsOpen() {
        ApiClientAuthenticationFilter filter = apiClientAuthenticationFilter.getFilter();

        assertThat(filter.shouldNotFilter(request("/api/wechat/notifications", "/api/wechat/notifications"))).isTrue();
        assertThat(filter.shouldNotFilter(request("/api/wechat/notifications/refunds", "/api/wechat/notifications/refunds")))
                .isTrue();
        assertThat(filter.shouldNotFilter(request("/api/bindings", "/api/bindings"))).isFalse();
        // what the container normalised differs from what was sent: never open
        assertThat(filter.shouldNotFilter(request("/api/wechat/notifications/../bindings", "/api/bindings"))).isFalse();
        assertThat(filter.shouldNotFilter(request("/api/wechat/notifications;x=1", "/api/wechat/notifications"))).isFalse();
        assertThat(filter.shouldNotFilter(request("/api/wechat/%6Eotifications", "/api/wechat/notifications"))).isFalse();
    }

    private static MockHttpServletRequest request(String uri, String servletPath) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", uri);
        request.setServletPath(servletPath);
        return request;
    }

    @Test
    void theControllersSeeTheClientAsThePrincipal() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/bindings");
        request.setServletPath("/api/bindings");
        request.addHeader(HttpHeaders.AUTHORIZATION, basic("jd-finance", "jd-finance-secret"));
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        apiClientAuthenticationFilter.getFilter().doFilter(request, response, chain);

        HttpServletRequest seen = (HttpServletRequest) chain.getRequest();
        assertThat(seen).isNotNull();
        assertThat(seen.getUserPrincipal().getName()).isEqualTo("jd-finance");
        assertThat(seen.getRemoteUser()).isEqualTo("jd-finance");
        assertThat(seen.getAuthType()).isEqualTo(HttpServletRequest.BASIC_AUTH);
        assertThat(seen.isUserInRole(BindflowGroups.API_CLIENTS)).isTrue();
        assertThat(seen.isUserInRole(BindflowGroups.JD_FINANCE)).isTrue();
        assertThat(seen.isUserInRole("camunda-admin")).isFalse();
        assertThat(response.getStatus()).isEqualTo(200);
    }

    @Test
    void theFilterParsesOnlyHttpBasic() {
        assertThat(ApiClientAuthenticationFilter.basicCredentials(basic("a", "b:c"))).containsExactly("a", "b:c");
        assertThat(ApiClientAuthenticationFilter.basicCredentials("basic " + b64("x:"))).containsExactly("x", "");
        assertThat(ApiClientAuthenticationFilter.basicCredentials(null)).isNull();
        assertThat(ApiClientAuthenticationFilter.basicCredentials("Bearer abc")).isNull();
        assertThat(ApiClientAuthenticationFilter.basicCredentials("Basic " + b64("no-colon"))).isNull();
        assertThat(ApiClientAuthenticationFilter.basicCredentials("Basic %%%")).isNull();
    }

    static String basic(String user, String password) {
        return "Basic " + b64(user + ":" + password);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
