package com.bindflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.bindflow.support.BindflowSpringTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Every sandbox endpoint wants HTTP Basic of an API client in the group sandbox (jd-app, jd-finance in the sandbox). */
@BindflowSpringTest
class SandboxLoginTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    WrongCredentialThrottle throttle;

    @AfterEach
    void forgetWrongAttempts() {
        throttle.clear();
    }

    record Endpoint(HttpMethod method, String path) {
    }

    /** Every /sandbox route, its path variables filled in. */
    private List<Endpoint> sandboxEndpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/sandbox")) {
                    for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                        endpoints.add(new Endpoint(HttpMethod.valueOf(method.name()), pattern.replaceAll("\\{[^}]+}", "x")));
                    }
                }
            }
        });
        return endpoints;
    }

    private ResponseEntity<String> call(TestRestTemplate client, Endpoint endpoint) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        // an empty object: a request that is refused after the login, not one that does something
        return client.exchange(endpoint.path(), endpoint.method(), new HttpEntity<>(endpoint.method() == HttpMethod.GET
                ? null : "{}", headers), String.class);
    }

    @Test
    void everySandboxEndpointWantsALogin() {
        List<Endpoint> endpoints = sandboxEndpoints();
        assertThat(endpoints).hasSizeGreaterThanOrEqualTo(12);
        for (Endpoint endpoint : endpoints) {
            ResponseEntity<String> anonymous = call(rest, endpoint);
            assertThat(anonymous.getStatusCode()).as("%s", endpoint).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(anonymous.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(anonymous.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Basic realm=\"bindflow\"");
        }
    }

    @Test
    void aMemberOfTheGroupSandboxIsLetIn() {
        for (Endpoint endpoint : sandboxEndpoints()) {
            ResponseEntity<String> member = call(rest.withBasicAuth("jd-app", "jd-app-secret"), endpoint);
            assertThat(member.getStatusCode()).as("%s", endpoint).isNotIn(HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN);
        }
        assertThat(rest.withBasicAuth("jd-finance", "jd-finance-secret").getForEntity("/sandbox/clock", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void othersAreNot() {
        // an API client outside the group; a Camunda user (staff, admin): no API client at all
        assertThat(rest.withBasicAuth("api-probe", "api-probe-new-secret").getForEntity("/sandbox/clock", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth("reviewer1", "reviewer1").getForEntity("/sandbox/sms/demo-ok", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.withBasicAuth("admin", "admin").getForEntity("/sandbox/clock", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }
}
