package com.bindflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.bindflow.support.BindflowSpringTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

@BindflowSpringTest
class EngineRestSecurityTest {

    @Autowired
    TestRestTemplate rest;

    @Test
    void theEngineRestApiRequiresHttpBasic() {
        assertThat(rest.getForEntity("/engine-rest/process-definition", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.withBasicAuth("admin", "wrong").getForEntity("/engine-rest/process-definition", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void theAdminIsLetIn() {
        var response = rest.withBasicAuth("admin", "admin").getForEntity("/engine-rest/process-definition", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).startsWith("[");
    }

    @Test
    void anApiClientHasNoEngineRights() {
        // jd-app is an API client (bindflow.security.api-clients), no Camunda user: the engine does not know it at all
        var response = rest.withBasicAuth("jd-app", "jd-app-secret").getForEntity("/engine-rest/process-definition", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    /**
     * Camunda's REST API answers its own errors in its own format (README: Security, out of scope for problem+json):
     * its clients (Tasklist, Cockpit, Camunda's client libraries) read that format.
     */
    @Test
    void camundasOwnErrorsUnderEngineRestKeepCamundasFormat() {
        var response = rest.withBasicAuth("admin", "admin").getForEntity("/engine-rest/task/no-such-task", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).isNotNull();
        assertThat(response.getHeaders().getContentType().isCompatibleWith(org.springframework.http.MediaType.APPLICATION_JSON))
                .isTrue();
        assertThat(response.getBody()).contains("\"type\":\"InvalidRequestException\"").contains("\"message\"");
    }
}
