package com.bindflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.bindflow.support.BindflowSpringTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** The Tasklist login of the Camunda webapp: staff have the application, API clients do not. */
@BindflowSpringTest
class TasklistLoginTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    org.camunda.bpm.engine.IdentityService identityService;

    @Test
    void staffMayLogInToTasklist() {
        for (String user : List.of("reviewer1", "cs1", "risk1", "supervisor1")) {
            assertThat(login(user, user)).as(user).isEqualTo(HttpStatus.OK);
        }
    }

    @Test
    void anApiClientMayNot() {
        // an API client is configured (bindflow.security.api-clients), not a Camunda user: the webapps do not know it
        assertThat(login("jd-app", "jd-app-secret")).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void aStaffUserWithoutTheApplicationMayNot() {
        identityService.saveUser(user("tasklist-outsider"));
        try {
            assertThat(login("tasklist-outsider", "tasklist-outsider")).isEqualTo(HttpStatus.FORBIDDEN);
        } finally {
            identityService.deleteUser("tasklist-outsider");
        }
    }

    private org.camunda.bpm.engine.identity.User user(String id) {
        org.camunda.bpm.engine.identity.User user = identityService.newUser(id);
        user.setPassword(id);
        return user;
    }

    private HttpStatusCode login(String user, String password) {
        // the webapp's CSRF protection: the token comes as a cookie and goes back as a header, in one session
        ResponseEntity<String> page = rest.getForEntity("/camunda/app/tasklist/", String.class);
        List<String> cookies = page.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE);
        String csrf = cookies.stream().filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst()
                .map(c -> c.substring("XSRF-TOKEN=".length(), c.indexOf(';'))).orElseThrow();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.set("X-XSRF-TOKEN", csrf);
        cookies.forEach(c -> headers.add(HttpHeaders.COOKIE, c.substring(0, c.indexOf(';'))));
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", user);
        form.add("password", password);
        return rest.exchange("/camunda/api/admin/auth/user/default/login/tasklist", HttpMethod.POST,
                new HttpEntity<>(form, headers), String.class).getStatusCode();
    }
}
