package com.bindflow.security;

import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.db.DbGroupQueryImpl;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.GenericManagerFactory;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Administrators ({@value Groups#CAMUNDA_ADMIN}) cannot be locked out by a stranger. Camunda locks a user after a wrong
 * password for a growing time and for good after {@code loginMaxAttempts} (10); anyone who knows the id {@code admin}
 * could lock the only person who can unlock users. So for members of {@value Groups#CAMUNDA_ADMIN} a wrong password is
 * not counted and no lock applies; wrong passwords are throttled per source instead ({@link LoginThrottleFilter}: a
 * stranger's address is slowed down, the administrator's is not), and the admin password must be long
 * ({@link ProdStartupGuard}). Staff keep Camunda's lockout; an administrator unlocks them (README: Security).
 *
 * <p>Camunda's database identity provider with two of its protected steps overridden; installed before the engine
 * is built, in every profile.
 */
@Component
public class AdminLockoutExemption extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setIdentityProviderSessionFactory(new GenericManagerFactory(IdentityProvider.class));
    }

    /** {@link DbIdentityServiceProvider}, except that an administrator is never locked. */
    public static class IdentityProvider extends DbIdentityServiceProvider {

        private static final Logger log = LoggerFactory.getLogger(AdminLockoutExemption.class);

        @Override
        protected boolean isUserLocked(UserEntity user) {
            return super.isUserLocked(user) && !isAdministrator(user);
        }

        @Override
        protected void lockUser(UserEntity user) {
            if (isAdministrator(user)) {
                log.info("wrong password for administrator {}: not counted (administrators are throttled per source)",
                        user.getId());
                return;
            }
            super.lockUser(user);
        }

        private boolean isAdministrator(UserEntity user) {
            CommandContext commandContext = Context.getCommandContext();
            DbGroupQueryImpl query = new DbGroupQueryImpl();
            query.groupMember(user.getId()).groupId(Groups.CAMUNDA_ADMIN);
            Long count = commandContext.runWithoutAuthorization(() -> findGroupCountByQueryCriteria(query));
            return count != null && count > 0;
        }
    }
}
