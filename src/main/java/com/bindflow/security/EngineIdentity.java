package com.bindflow.security;

import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Idempotent creation of Camunda users, groups, memberships and group authorizations, safe when several nodes start
 * at once: each step checks first, and a failed insert is accepted when the row is there afterwards (another node
 * created it in the meantime). Runs as the system (no Camunda authentication).
 */
public final class EngineIdentity {

    private static final Logger log = LoggerFactory.getLogger(EngineIdentity.class);

    private final IdentityService identityService;
    private final AuthorizationService authorizationService;

    public EngineIdentity(ProcessEngine engine) {
        this.identityService = engine.getIdentityService();
        this.authorizationService = engine.getAuthorizationService();
    }

    /** Creates the group if there is no group of that id; an existing group is left as it is. */
    public void ensureGroup(String groupId, String name, String type) {
        createIfAbsent("group " + groupId,
                () -> identityService.createGroupQuery().groupId(groupId).count() > 0,
                () -> {
                    Group group = identityService.newGroup(groupId);
                    group.setName(name);
                    group.setType(type);
                    identityService.saveGroup(group);
                });
    }

    /**
     * Creates the user if there is no user of that id. An existing user, and in particular its password, is left as it
     * is: a password changed in the Admin webapp survives a restart.
     */
    public void ensureUser(String userId, String password, String firstName, String lastName, String email) {
        createIfAbsent("user " + userId,
                () -> identityService.createUserQuery().userId(userId).count() > 0,
                () -> {
                    User user = identityService.newUser(userId);
                    user.setPassword(password);
                    user.setFirstName(firstName);
                    user.setLastName(lastName);
                    user.setEmail(email);
                    identityService.saveUser(user);
                });
    }

    public void ensureMembership(String userId, String groupId) {
        createIfAbsent("membership of " + userId + " in " + groupId,
                () -> identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count() > 0,
                () -> identityService.createMembership(userId, groupId));
    }

    /**
     * Makes sure the group holds a GRANT authorization with (at least) the given permissions on the resource. The group
     * itself need not exist. A missing grant is created; a grant that lacks some of the permissions gets them added.
     */
    public void ensureGroupGrant(String groupId, Resource resource, String resourceId, Permission... permissions) {
        String what = "grant " + Arrays.toString(permissions) + " on " + resource.resourceName() + " " + resourceId
                + " to group " + groupId;
        createIfAbsent(what, () -> hasGrant(groupId, resource, resourceId, permissions), () -> {
            Authorization grant = findGrant(groupId, resource, resourceId);
            if (grant == null) {
                grant = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
                grant.setGroupId(groupId);
                grant.setResource(resource);
                grant.setResourceId(resourceId);
            }
            for (Permission permission : permissions) {
                grant.addPermission(permission);
            }
            authorizationService.saveAuthorization(grant);
        });
    }

    public boolean hasGrant(String groupId, Resource resource, String resourceId, Permission... permissions) {
        Authorization grant = findGrant(groupId, resource, resourceId);
        return grant != null && Arrays.stream(permissions).allMatch(grant::isPermissionGranted);
    }

    private Authorization findGrant(String groupId, Resource resource, String resourceId) {
        List<Authorization> grants = authorizationService.createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_GRANT)
                .groupIdIn(groupId)
                .resourceType(resource)
                .resourceId(resourceId)
                .list();
        return grants.isEmpty() ? null : grants.get(0);
    }

    /**
     * Runs {@code create} unless {@code exists}; if {@code create} fails (a unique-key violation or an optimistic lock
     * when another node did the same at the same time), the failure is accepted when {@code exists} holds afterwards.
     */
    static void createIfAbsent(String what, BooleanSupplier exists, Runnable create) {
        if (exists.getAsBoolean()) {
            log.debug("{} exists", what);
            return;
        }
        try {
            create.run();
            log.info("created {}", what);
        } catch (RuntimeException e) {
            if (exists.getAsBoolean()) {
                log.info("{} was created concurrently (by another node): {}", what, e.getMessage());
                return;
            }
            throw e;
        }
    }
}
