package com.bindflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.bindflow.support.BindflowSpringTest;
import com.bindflow.support.WebappSession;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Regression test of the Camunda 7.24 CE advisory on the first-administrator setup endpoint: it must never create a
 * user, as long as camunda-admin has a direct member (Camunda's own condition) and even when it has none
 * ({@link AdminSetupClosedFilter}).
 */
@BindflowSpringTest
class AdminSetupEndpointTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    IdentityService identityService;

    @Test
    void theSetupEndpointStaysClosedWhetherOrNotCamundaAdminHasAMember() {
        assertThat(identityService.createUserQuery().memberOfGroup("camunda-admin").count()).isPositive();
        assertSetupClosed("setup-intruder-1");
        // Camunda's own check opens the endpoint when camunda-admin has no direct member; ours does not
        identityService.deleteMembership("admin", "camunda-admin");
        try {
            assertThat(identityService.createUserQuery().memberOfGroup("camunda-admin").count()).isZero();
            assertSetupClosed("setup-intruder-2");
        } finally {
            identityService.createMembership("admin", "camunda-admin");
        }
    }

    private void assertSetupClosed(String intruder) {
        WebappSession browser = new WebappSession(rest);
        ResponseEntity<String> response = browser.exchange(HttpMethod.POST, "/camunda/api/admin/setup/default/user/create",
                "{\"profile\":{\"id\":\"" + intruder + "\",\"firstName\":\"I\",\"lastName\":\"N\",\"email\":\"i@example.com\"},"
                        + "\"credentials\":{\"password\":\"intruder-password\"}}");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).contains("\"code\":\"SETUP_CLOSED\"");
        assertThat(identityService.createUserQuery().userId(intruder).count()).isZero();
    }
}
