package com.bindflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bindflow.sandbox.security.SandboxIdentitySeeder;
import com.bindflow.sandbox.security.SandboxUsersProperties;
import com.bindflow.support.BindflowSpringTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.Groups;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@BindflowSpringTest
class IdentitySeedingTest {

    @Autowired
    ProcessEngine engine;
    @Autowired
    IdentityService identityService;
    @Autowired
    AuthorizationService authorizationService;
    @Autowired
    SandboxIdentitySeeder seeder;
    @Autowired
    StaffAuthorizations staffAuthorizations;

    @Test
    void theSandboxGroupsAndUsersAreThere() {
        for (String group : List.of("eligibility-reviewers", "customer-service", "risk-reviewers", "risk-supervisors")) {
            assertThat(identityService.createGroupQuery().groupId(group).singleResult().getType())
                    .isEqualTo(Groups.GROUP_TYPE_WORKFLOW);
        }
        Map<String, String> memberships = Map.of("reviewer1", "eligibility-reviewers", "reviewer2", "eligibility-reviewers",
                "cs1", "customer-service", "risk1", "risk-reviewers", "supervisor1", "risk-supervisors");
        memberships.forEach((user, group) -> {
            assertThat(identityService.createUserQuery().userId(user).memberOfGroup(group).count()).as(user).isEqualTo(1);
            assertThat(identityService.createGroupQuery().groupMember(user).count()).as(user).isEqualTo(1);
        });
        assertThat(identityService.checkPassword("reviewer1", "reviewer1")).isTrue();
        // the API clients are configured (bindflow.security.api-clients), not Camunda users
        assertThat(identityService.createUserQuery().userIdIn("jd-app", "jd-finance").count()).isZero();
        // the admin of camunda.bpm.admin-user
        assertThat(identityService.checkPassword("admin", "admin")).isTrue();
        assertThat(identityService.createUserQuery().userId("admin").memberOfGroup("camunda-admin").count()).isEqualTo(1);
    }

    @Test
    void theStaffGroupsHoldTheTasklistGrants() {
        EngineIdentity identity = new EngineIdentity(engine);
        for (String group : BindflowGroups.STAFF) {
            assertThat(identity.hasGrant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS)).as(group).isTrue();
            assertThat(identity.hasGrant(group, Resources.FILTER, "*", Permissions.READ)).as(group).isTrue();
            assertThat(identity.hasGrant(group, Resources.PROCESS_DEFINITION, "*", Permissions.READ)).as(group).isTrue();
            assertThat(identity.hasGrant(group, Resources.PROCESS_DEFINITION, "*", Permissions.READ_TASK)).as(group).isFalse();
        }
        assertThat(authorizationService.createAuthorizationQuery().groupIdIn(BindflowGroups.API_CLIENTS)
                .resourceType(Resources.APPLICATION).count()).isZero();
    }

    @Test
    void seedingAgainChangesNothing() {
        long users = identityService.createUserQuery().count();
        long groups = identityService.createGroupQuery().count();
        long authorizations = authorizationService.createAuthorizationQuery().count();

        seeder.seed(new EngineIdentity(engine));
        staffAuthorizations.grant(new EngineIdentity(engine));

        assertThat(identityService.createUserQuery().count()).isEqualTo(users);
        assertThat(identityService.createGroupQuery().count()).isEqualTo(groups);
        assertThat(authorizationService.createAuthorizationQuery().count()).isEqualTo(authorizations);
    }

    @Test
    void aGrantMissingAPermissionGetsIt() {
        String group = "seeding-test-partial";
        Authorization partial = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        partial.setGroupId(group);
        partial.setResource(Resources.PROCESS_DEFINITION);
        partial.setResourceId("*");
        partial.addPermission(Permissions.READ);
        authorizationService.saveAuthorization(partial);
        try {
            new EngineIdentity(engine).ensureGroupGrant(group, Resources.PROCESS_DEFINITION, "*", Permissions.READ,
                    Permissions.READ_INSTANCE);

            List<Authorization> rows = authorizationService.createAuthorizationQuery().groupIdIn(group).list();
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).isPermissionGranted(Permissions.READ_INSTANCE)).isTrue();
        } finally {
            authorizationService.createAuthorizationQuery().groupIdIn(group).list()
                    .forEach(a -> authorizationService.deleteAuthorization(a.getId()));
        }
    }

    @Test
    void nodesStartingAtOnceCreateEachThingOnce() throws Exception {
        String user = "seeding-race-user";
        String group = "seeding-race-group";
        int nodes = 4;
        CyclicBarrier together = new CyclicBarrier(nodes);
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        try {
            List<Future<Void>> results = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                Callable<Void> node = () -> {
                    EngineIdentity identity = new EngineIdentity(engine);
                    together.await(10, TimeUnit.SECONDS);
                    identity.ensureGroup(group, "Race", Groups.GROUP_TYPE_WORKFLOW);
                    identity.ensureUser(user, "race-password", "Race", "User", null);
                    identity.ensureMembership(user, group);
                    identity.ensureGroupGrant(group, Resources.FILTER, "*", Permissions.READ);
                    return null;
                };
                results.add(pool.submit(node));
            }
            for (Future<Void> result : results) {
                result.get(60, TimeUnit.SECONDS); // no node fails
            }
            assertThat(identityService.createUserQuery().userId(user).count()).isEqualTo(1);
            assertThat(identityService.createGroupQuery().groupId(group).count()).isEqualTo(1);
            assertThat(identityService.createUserQuery().userId(user).memberOfGroup(group).count()).isEqualTo(1);
            assertThat(authorizationService.createAuthorizationQuery().groupIdIn(group).resourceType(Resources.FILTER).count())
                    .isEqualTo(1);
        } finally {
            pool.shutdownNow();
            authorizationService.createAuthorizationQuery().groupIdIn(group).list()
                    .forEach(a -> authorizationService.deleteAuthorization(a.getId()));
            identityService.deleteUser(user);
            identityService.deleteGroup(group);
        }
    }

    @Test
    void idsMayHaveHyphensButNothingElse() {
        assertThat(identityService.createGroupQuery().groupId("eligibility-reviewers").count()).isEqualTo(1);
        for (String bad : List.of("bad id", "-leading", "trailing-", "a--b", "semi;colon", "*")) {
            assertThatThrownBy(() -> identityService.saveUser(identityService.newUser(bad))).as(bad)
                    .isInstanceOf(ProcessEngineException.class);
            assertThatThrownBy(() -> identityService.saveGroup(identityService.newGroup(bad))).as(bad)
                    .isInstanceOf(ProcessEngineException.class);
        }
    }

    @Test
    void configuredEntriesOverrideTheBuiltInRoster() {
        SandboxUsersProperties properties = new SandboxUsersProperties();
        SandboxUsersProperties.UserEntry reviewer1 = new SandboxUsersProperties.UserEntry();
        reviewer1.setPassword("changed");
        SandboxUsersProperties.UserEntry extra = new SandboxUsersProperties.UserEntry();
        extra.setGroups(List.of("customer-service"));
        properties.getUsers().put("reviewer1", reviewer1);
        properties.getUsers().put("cs2", extra);

        var users = properties.effectiveUsers();

        assertThat(users).extracting(SandboxUsersProperties.SandboxUser::id)
                .containsExactly("reviewer1", "reviewer2", "cs1", "risk1", "supervisor1", "ops1", "cs2");
        assertThat(users.get(0).password()).isEqualTo("changed");
        assertThat(users.get(0).groups()).containsExactly("eligibility-reviewers");
        assertThat(users.get(6).password()).isEqualTo("cs2");
        assertThat(users.get(6).groups()).containsExactly("customer-service");
    }
}
