package com.bindflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.bindflow.support.BindflowSpringTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
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

@BindflowSpringTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiClientAuthenticationTest {

    /**
     * An API client only for the wrong-password cases: after a failed login Camunda locks the user for a few seconds
     * (loginDelayBase), which must not hit jd-app, used by the other tests.
     */
    static final String PROBE = "api-probe";

    @Autowired
    TestRestTemplate rest;

    @Autowired
    ObjectMapper objectMapper;

    @Autowired
    FilterRegistrationBean<ApiClientAuthenticationFilter> apiClientAuthenticationFilter;

    @Autowired
    IdentityService identityService;

    @BeforeAll
    void createProbe() {
        User probe = identityService.newUser(PROBE);
        probe.setPassword("api-probe-secret");
        identityService.saveUser(probe);
        identityService.createMembership(PROBE, BindflowGroups.API_CLIENTS);
    }

    @AfterAll
    void deleteProbe() {
        identityService.deleteUser(PROBE);
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
    void aWrongPasswordOrAnUnknownUserIs401() {
        for (TestRestTemplate client : new TestRestTemplate[] {
                rest.withBasicAuth(PROBE, "wrong"), rest.withBasicAuth("nobody", "nobody"), rest.withBasicAuth("", "")}) {
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
    void aUserWhoIsNoApiClientIs403() throws Exception {
        ResponseEntity<String> response = rest.withBasicAuth("reviewer1", "reviewer1").getForEntity("/api/anything", String.class);

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

        // no controller there (yet): Spring MVC's 404, not the filter's 401/403
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
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
        request.addHeader(HttpHeaders.AUTHORIZATION, basic("jd-app", "jd-app-secret"));
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        apiClientAuthenticationFilter.getFilter().doFilter(request, response, chain);

        HttpServletRequest seen = (HttpServletRequest) chain.getRequest();
        assertThat(seen).isNotNull();
        assertThat(seen.getUserPrincipal().getName()).isEqualTo("jd-app");
        assertThat(seen.getRemoteUser()).isEqualTo("jd-app");
        assertThat(seen.getAuthType()).isEqualTo(HttpServletRequest.BASIC_AUTH);
        assertThat(seen.isUserInRole(BindflowGroups.API_CLIENTS)).isTrue();
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
