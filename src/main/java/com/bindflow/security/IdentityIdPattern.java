package com.bindflow.security;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Lets user and group ids contain hyphens ({@code eligibility-reviewers}, {@code jd-app}): Camunda accepts only
 * {@value #CAMUNDA_DEFAULT} unless configured otherwise. Sets the user and group id patterns to {@value #PATTERN}
 * (letters and digits, words joined by single hyphens), unless the user or group pattern or the general pattern is
 * configured ({@code camunda.bpm.generic-properties.properties.userResourceWhitelistPattern} etc.), which then win.
 * Runs after the configuration (including the generic properties) is applied; the patterns are checked whenever a
 * user or group is saved, also in the Admin webapp.
 */
@Component
public class IdentityIdPattern extends AbstractProcessEnginePlugin {

    static final String CAMUNDA_DEFAULT = "[a-zA-Z0-9]+|camunda-admin";
    public static final String PATTERN = "[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*";

    private static final Logger log = LoggerFactory.getLogger(IdentityIdPattern.class);

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (!CAMUNDA_DEFAULT.equals(configuration.getGeneralResourceWhitelistPattern())) {
            return;
        }
        if (isBlank(configuration.getUserResourceWhitelistPattern())) {
            configuration.setUserResourceWhitelistPattern(PATTERN);
            log.info("user ids must match {}", PATTERN);
        }
        if (isBlank(configuration.getGroupResourceWhitelistPattern())) {
            configuration.setGroupResourceWhitelistPattern(PATTERN);
            log.info("group ids must match {}", PATTERN);
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
