package com.bindflow.sandbox.security;

import com.bindflow.security.BindflowGroups;
import com.bindflow.security.EngineIdentity;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Sandbox only: creates the staff groups and the demo staff users ({@link SandboxUsersProperties}) right after the
 * engine is built, idempotently and safely when several nodes start at once. Existing users, groups and memberships
 * are left alone. The admin user ({@code admin}) is Camunda's own {@code camunda.bpm.admin-user}; the API clients are
 * configured ({@code bindflow.security.api-clients}), not Camunda users.
 */
@Component
@Profile("sandbox")
@ConditionalOnProperty(name = "bindflow.sandbox.enabled", havingValue = "true", matchIfMissing = true)
public class SandboxIdentitySeeder extends AbstractProcessEnginePlugin {

    /** The groups of the sandbox with their display names. */
    static final Map<String, String> GROUPS;

    static {
        Map<String, String> groups = new LinkedHashMap<>();
        groups.put(BindflowGroups.ELIGIBILITY_REVIEWERS, "Eligibility reviewers");
        groups.put(BindflowGroups.CUSTOMER_SERVICE, "Customer service");
        groups.put(BindflowGroups.RISK_REVIEWERS, "Risk reviewers");
        groups.put(BindflowGroups.RISK_SUPERVISORS, "Risk supervisors");
        groups.put(BindflowGroups.OPERATORS, "Operators");
        GROUPS = Collections.unmodifiableMap(groups);
    }

    private final SandboxUsersProperties properties;

    public SandboxIdentitySeeder(SandboxUsersProperties properties) {
        this.properties = properties;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        seed(new EngineIdentity(processEngine));
    }

    public void seed(EngineIdentity identity) {
        GROUPS.forEach((id, name) -> identity.ensureGroup(id, name, Groups.GROUP_TYPE_WORKFLOW));
        for (SandboxUsersProperties.SandboxUser user : properties.effectiveUsers()) {
            identity.ensureUser(user.id(), user.password(), user.firstName(), user.lastName(), user.email());
            for (String group : user.groups()) {
                if (!GROUPS.containsKey(group)) {
                    identity.ensureGroup(group, group, Groups.GROUP_TYPE_WORKFLOW);
                }
                identity.ensureMembership(user.id(), group);
            }
        }
    }
}
