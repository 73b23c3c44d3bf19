package com.bindflow.security;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Profiles;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The startup guard of the {@code prod} profile: bindflow refuses to start with the {@code prod} profile unless
 * {@value #ADMIN_PASSWORD_VARIABLE} (the password Camunda gives the {@code admin} user it creates from
 * {@code camunda.bpm.admin-user}) is set, not blank and at least {@value #MIN_PASSWORD_LENGTH} characters long; it
 * refuses {@code prod} together with {@code sandbox} (demo users with known passwords); and it refuses a variable of
 * bindflow's ({@code BINDFLOW_*}, {@code SPRING_*}, {@code ALIBABA_CLOUD_*}) whose value still holds a shell command
 * substitution ({@code $(…)} or backticks): the example environment file reads each secret with {@code "$(cat …)"},
 * which only bash expands when it sources the file; systemd's {@code EnvironmentFile} or {@code docker --env-file}
 * pass the command text itself, long enough to pass every length check.
 *
 * <p>The admin password is read from Spring's environment — the process environment, or a file of that name through
 * {@code SPRING_CONFIG_IMPORT=configtree:…}, or a config file — but never from a system property or a command-line
 * argument, which every user of the machine sees in the process list.
 *
 * <p>An {@link EnvironmentPostProcessor} (registered in {@code META-INF/spring.factories}), run right after the
 * configuration files (and config trees) are loaded and the active profiles known: before the application context, the
 * datasource and the process engine exist, so nothing is written to the database before the check. Inactive in other
 * profiles.
 */
public class ProdStartupGuard implements EnvironmentPostProcessor, Ordered {

    public static final String PROD_PROFILE = "prod";
    public static final String ADMIN_PASSWORD_VARIABLE = "BINDFLOW_ADMIN_PASSWORD";
    public static final int MIN_PASSWORD_LENGTH = 12;
    /** The environment variables the shell-substitution check looks at. */
    static final List<String> OWN_PREFIXES = List.of("BINDFLOW_", "SPRING_", "ALIBABA_CLOUD_");
    /** Sources whose values show in the process list: never for a secret. */
    private static final Set<String> VISIBLE_SOURCES = Set.of(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
            CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME);

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
        if (systemEnvironment instanceof EnumerablePropertySource<?> variables) {
            unexpandedShell(variables).ifPresent(message -> {
                throw new IllegalStateException(message);
            });
        }
        refusal(adminPassword(environment)).ifPresent(message -> {
            throw new IllegalStateException(message);
        });
    }

    /** The admin password from the first source that has it, leaving out system properties and the command line. */
    static String adminPassword(ConfigurableEnvironment environment) {
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (!VISIBLE_SOURCES.contains(source.getName())) {
                Object value = source.getProperty(ADMIN_PASSWORD_VARIABLE);
                if (value != null) {
                    return value.toString();
                }
            }
        }
        return null;
    }

    /**
     * Why the variables are refused (one of bindflow's holds {@code $(} or a backtick: a shell substitution that was
     * never run), or empty. Names the variables, never their values.
     */
    public static Optional<String> unexpandedShell(EnumerablePropertySource<?> variables) {
        List<String> unexpanded = new ArrayList<>();
        for (String name : variables.getPropertyNames()) {
            Object value = variables.getProperty(name);
            if (OWN_PREFIXES.stream().anyMatch(name::startsWith) && value != null
                    && (value.toString().contains("$(") || value.toString().contains("`"))) {
                unexpanded.add(name);
            }
        }
        if (unexpanded.isEmpty()) {
            return Optional.empty();
        }
        Collections.sort(unexpanded);
        return Optional.of("bindflow refuses to start with the prod profile: " + String.join(", ", unexpanded)
                + (unexpanded.size() == 1 ? " still holds" : " still hold") + " a shell command substitution ($(...) or backticks), not the secret it should read. The "
                + "example environment file is for bash only (set -a; . /etc/bindflow/bindflow.env; set +a); systemd's "
                + "EnvironmentFile and docker --env-file do not run commands: give them the values themselves, or the "
                + "secrets as files (SPRING_CONFIG_IMPORT=configtree:/run/secrets/, one file per variable).");
    }

    /** Why the given admin password (null: not set) is refused, or empty when it is acceptable. */
    public static Optional<String> refusal(String adminPassword) {
        String prefix = "bindflow refuses to start with the prod profile: ";
        String what = ADMIN_PASSWORD_VARIABLE + " (an environment variable, or a file of that name through "
                + "SPRING_CONFIG_IMPORT=configtree:..., never a system property) is the initial password of the Camunda "
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
