package com.bindflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.bindflow.support.BindflowSpringTest;
import com.bindflow.support.WebappSession;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Camunda's lockout: staff keep it (and an administrator unlocks them), the administrator cannot be locked by a stranger;
 * wrong passwords on the engine REST API and the webapps' login are throttled per source.
 */
@BindflowSpringTest
class LoginLockoutTest {

    static final String STAFF = "lockout-probe";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    IdentityService identityService;
    @Autowired
    WrongCredentialThrottle throttle;

    @BeforeEach
    void aStaffUser() {
        // the suite shares one application: wrong attempts other test classes made from this source must not count here
        throttle.clear();
        User user = identityService.newUser(STAFF);
        user.setPassword("lockout-probe-password");
        identityService.saveUser(user);
        identityService.createMembership(STAFF, BindflowGroups.ELIGIBILITY_REVIEWERS);
    }

    @AfterEach
    void cleanUp() {
        ClockUtil.reset();
        identityService.deleteUser(STAFF);
        identityService.unlockUser("admin");
        throttle.clear();
    }

    /** Ten wrong passwords, each after the previous lock has run out (the engine clock moved past it). */
    private void tenWrongPasswords(String user) {
        Instant now = Instant.now();
        for (int i = 0; i < 10; i++) {
            now = now.plus(Duration.ofMinutes(2));
            ClockUtil.setCurrentTime(Date.from(now));
            assertThat(identityService.checkPassword(user, "guess-" + i)).isFalse();
        }
        ClockUtil.setCurrentTime(Date.from(now.plus(Duration.ofDays(1))));
    }

    @Test
    void aStaffUserIsLockedForGoodAfterTenWrongPasswordsAndAnAdministratorUnlocksHim() {
        tenWrongPasswords(STAFF);
        // a day later the right password is still refused: locked until an administrator unlocks
        assertThat(identityService.checkPassword(STAFF, "lockout-probe-password")).isFalse();
        assertThat(((UserEntity) identityService.createUserQuery().userId(STAFF).singleResult()).getAttempts()).isEqualTo(10);

        // the administrator unlocks him over the engine REST API (the Admin webapp's "Unlock" does the same)
        assertThat(rest.withBasicAuth(STAFF, "lockout-probe-password").exchange("/engine-rest/user/" + STAFF + "/unlock",
                HttpMethod.POST, null, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        throttle.clear();
        assertThat(rest.withBasicAuth("reviewer1", "reviewer1").exchange("/engine-rest/user/" + STAFF + "/unlock",
                HttpMethod.POST, null, String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth("admin", "admin").exchange("/engine-rest/user/" + STAFF + "/unlock",
                HttpMethod.POST, null, String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(identityService.checkPassword(STAFF, "lockout-probe-password")).isTrue();
    }

    @Test
    void aStrangerCannotLockTheAdministrator() {
        tenWrongPasswords("admin");
        for (int i = 0; i < 20; i++) {
            assertThat(identityService.checkPassword("admin", "still-guessing-" + i)).isFalse();
        }
        assertThat(identityService.checkPassword("admin", "admin")).isTrue();
        UserEntity admin = (UserEntity) identityService.createUserQuery().userId("admin").singleResult();
        assertThat(admin.getAttempts()).isZero();
        assertThat(admin.getLockExpirationTime()).isNull();
    }

    @Test
    void wrongPasswordsOnTheEngineRestApiAreThrottledPerSourceAndTheAdministratorStaysUsable() {
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < 15; i++) {
            ResponseEntity<String> response = rest.withBasicAuth("admin", "guess-" + i)
                    .getForEntity("/engine-rest/process-definition", String.class);
            statuses.merge(response.getStatusCode().value(), 1, Integer::sum);
            if (response.getStatusCode() == HttpStatus.TOO_MANY_REQUESTS) {
                assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
                assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
            }
        }
        assertThat(statuses).isEqualTo(Map.of(401, 10, 429, 5));
        // this source waits; the administrator himself, from another address, is not locked
        throttle.clear();
        assertThat(rest.withBasicAuth("admin", "admin").getForEntity("/engine-rest/process-definition", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void wrongPasswordsOnTheWebappLoginAreThrottledPerSource() {
        WebappSession browser = new WebappSession(rest);
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < 12; i++) {
            statuses.merge(browser.login("admin", "guess-" + i, "cockpit").value(), 1, Integer::sum);
        }
        assertThat(statuses).isEqualTo(Map.of(401, 10, 429, 2));
        throttle.clear();
        assertThat(new WebappSession(rest).login("admin", "admin", "cockpit")).isEqualTo(HttpStatus.OK);
    }
}
