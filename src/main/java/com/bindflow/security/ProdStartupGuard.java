package com.bindflow.security;

import java.util.Optional;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The startup guard of the {@code prod} profile: bindflow refuses to start with the {@code prod} profile unless the
 * process environment has {@value #ADMIN_PASSWORD_VARIABLE} (the password Camunda gives the {@code admin} user it
 * creates from {@code camunda.bpm.admin-user}), not blank and at least {@value #MIN_PASSWORD_LENGTH} characters long;
 * and it refuses {@code prod} together with {@code sandbox} (demo users with known passwords).
 *
 * <p>An {@link EnvironmentPostProcessor} (registered in {@code META-INF/spring.factories}), run right after the
 * configuration files are loaded and the active profiles known: before the application context, the datasource and
 * the process engine exist, so nothing is written to the database before the check. Inactive in other profiles.
 */
public class ProdStartupGuard implements EnvironmentPostProcessor, Ordered {

    public static final String PROD_PROFILE = "prod";
    public static final String ADMIN_PASSWORD_VARIABLE = "BINDFLOW_ADMIN_PASSWORD";
    public static final int MIN_PASSWORD_LENGTH = 12;

    @Override
    public int getOrder() {
        // after the config files (and with them spring.profiles.active) are loaded
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.acceptsProfiles(Profiles.of(PROD_PROFILE))) {
            return;
        }
        if (environment.acceptsProfiles(Profiles.of("sandbox"))) {
            throw new IllegalStateException("bindflow refuses to start: the profiles prod and sandbox are both active. "
                    + "The sandbox profile creates demo users with known passwords and must never run in production.");
        }
        PropertySource<?> systemEnvironment =
                environment.getPropertySources().get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        Object password = systemEnvironment == null ? null : systemEnvironment.getProperty(ADMIN_PASSWORD_VARIABLE);
        refusal(password == null ? null : password.toString()).ifPresent(message -> {
            throw new IllegalStateException(message);
        });
    }

    /** Why the given admin password (null: the variable is not set) is refused, or empty when it is acceptable. */
    public static Optional<String> refusal(String adminPassword) {
        String prefix = "bindflow refuses to start with the prod profile: ";
        String what = "The environment variable " + ADMIN_PASSWORD_VARIABLE + " is the initial password of the Camunda "
                + "admin user (camunda.bpm.admin-user.password); set it to a secret of at least " + MIN_PASSWORD_LENGTH
                + " characters.";
        if (adminPassword == null) {
            return Optional.of(prefix + ADMIN_PASSWORD_VARIABLE + " is not set. " + what);
        }
        if (adminPassword.isBlank()) {
            return Optional.of(prefix + ADMIN_PASSWORD_VARIABLE + " is blank. " + what);
        }
        if (adminPassword.length() < MIN_PASSWORD_LENGTH) {
            return Optional.of(prefix + ADMIN_PASSWORD_VARIABLE + " is too short (" + adminPassword.length()
                    + " characters). " + what);
        }
        return Optional.empty();
    }
}
