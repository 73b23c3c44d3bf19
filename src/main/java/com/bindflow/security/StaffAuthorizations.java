package com.bindflow.security;

import static org.camunda.bpm.engine.authorization.Permissions.ACCESS;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Permissions.READ_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.APPLICATION;
import static org.camunda.bpm.engine.authorization.Resources.FILTER;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.springframework.stereotype.Component;

/**
 * The Camunda authorizations of the staff groups ({@link BindflowGroups#STAFF}), in every profile, created right after
 * the engine is built (before the web server takes requests), idempotently. The groups need not exist: in production
 * an administrator creates them in the Admin webapp, and the grants apply as soon as they do.
 *
 * <p>The minimum for working on tasks in Tasklist:
 * <ul>
 *   <li>APPLICATION {@code tasklist}: ACCESS, to log in to Tasklist;</li>
 *   <li>FILTER {@code *}: READ, to see and run the task filters (the "All tasks" filter of
 *       {@code camunda.bpm.filter.create});</li>
 *   <li>PROCESS_DEFINITION {@code *}: READ, so that Tasklist shows the process name and diagram of a task (the task
 *       list embeds the process definition) and the task form can be started from its definition. It grants no access
 *       to process instances, variables or tasks.</li>
 * </ul>
 * The tasks themselves need no grant here: when a task gets a candidate group, the engine gives that group READ and
 * UPDATE (or TASK_WORK, per {@code defaultUserPermissionNameForTask}) on that very task. That is what lets a reviewer
 * see, open (form, deployed Camunda Form, form variables) and complete the tasks of his groups and nothing else.
 * Hence no PROCESS_DEFINITION READ_TASK (it would show every task of every instance), no HISTORIC_TASK and no
 * DECISION_DEFINITION grant.
 *
 * <p>The {@link BindflowGroups#OPERATORS} watch (the dashboard {@code /ops} and, from its incident links, Cockpit):
 * APPLICATION {@code cockpit} ACCESS, PROCESS_DEFINITION {@code *} READ and READ_INSTANCE, PROCESS_INSTANCE {@code *}
 * READ; no UPDATE: retrying an incident stays with the administrators.
 */
@Component
public class StaffAuthorizations extends AbstractProcessEnginePlugin {

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        grant(new EngineIdentity(processEngine));
    }

    public void grant(EngineIdentity identity) {
        for (String group : BindflowGroups.STAFF) {
            identity.ensureGroupGrant(group, APPLICATION, "tasklist", ACCESS);
            identity.ensureGroupGrant(group, FILTER, Authorization.ANY, READ);
            identity.ensureGroupGrant(group, PROCESS_DEFINITION, Authorization.ANY, READ);
        }
        // operators watch: the dashboard's incident links open Cockpit, which reads instances (not their retry)
        identity.ensureGroupGrant(BindflowGroups.OPERATORS, APPLICATION, "cockpit", ACCESS);
        identity.ensureGroupGrant(BindflowGroups.OPERATORS, PROCESS_DEFINITION, Authorization.ANY, READ);
        identity.ensureGroupGrant(BindflowGroups.OPERATORS, PROCESS_DEFINITION, Authorization.ANY, READ_INSTANCE);
        identity.ensureGroupGrant(BindflowGroups.OPERATORS, PROCESS_INSTANCE, Authorization.ANY, READ);
    }
}
