package com.bindflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bindflow.support.ProdProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.ConfigTreePropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.mock.env.MockEnvironment;

/** Plain tests (no shared context): the prod profile refuses to start without a proper admin password. */
class ProdStartupGuardTest {

    @Test
    void refusesAMissingBlankOrShortPassword() {
        assertThat(ProdStartupGuard.refusal(null)).get().asString().contains("BINDFLOW_ADMIN_PASSWORD is not set");
        assertThat(ProdStartupGuard.refusal("   ")).get().asString().contains("BINDFLOW_ADMIN_PASSWORD is blank");
        assertThat(ProdStartupGuard.refusal("admin")).get().asString()
                .contains("BINDFLOW_ADMIN_PASSWORD is too short (5 characters)").doesNotContain("admin\"");
        assertThat(ProdStartupGuard.refusal("12345678901")).isPresent();
        assertThat(ProdStartupGuard.refusal("123456789012")).isEmpty();
    }

    @Test
    void checksTheSystemEnvironmentOnlyInTheProdProfile() {
        ProdStartupGuard guard = new ProdStartupGuard();

        MockEnvironment sandbox = environment(Map.of());
        sandbox.setActiveProfiles("sandbox", "test");
        guard.postProcessEnvironment(sandbox, new SpringApplication());

        MockEnvironment prodWithout = environment(Map.of());
        prodWithout.setActiveProfiles("prod");
        assertThatThrownBy(() -> guard.postProcessEnvironment(prodWithout, new SpringApplication()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("BINDFLOW_ADMIN_PASSWORD is not set");

        // a system property or a command-line argument of that name shows in the process list: not taken
        MockEnvironment prodProperty = environment(Map.of());
        prodProperty.getPropertySources().addFirst(new MapPropertySource(
                StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, Map.of("BINDFLOW_ADMIN_PASSWORD", "a-long-enough-secret")));
        prodProperty.getPropertySources().addFirst(new SimpleCommandLinePropertySource("--BINDFLOW_ADMIN_PASSWORD=a-long-enough-secret"));
        prodProperty.setActiveProfiles("prod");
        assertThatThrownBy(() -> guard.postProcessEnvironment(prodProperty, new SpringApplication()))
                .hasMessageContaining("is not set");

        MockEnvironment prodShort = environment(Map.of("BINDFLOW_ADMIN_PASSWORD", "short"));
        prodShort.setActiveProfiles("prod");
        assertThatThrownBy(() -> guard.postProcessEnvironment(prodShort, new SpringApplication()))
                .hasMessageContaining("too short");

        MockEnvironment prodGood = environment(Map.of("BINDFLOW_ADMIN_PASSWORD", "a-long-enough-secret"));
        prodGood.setActiveProfiles("prod");
        guard.postProcessEnvironment(prodGood, new SpringApplication());

        MockEnvironment prodAndSandbox = environment(Map.of("BINDFLOW_ADMIN_PASSWORD", "a-long-enough-secret"));
        prodAndSandbox.setActiveProfiles("prod", "sandbox");
        assertThatThrownBy(() -> guard.postProcessEnvironment(prodAndSandbox, new SpringApplication()))
                .hasMessageContaining("prod and sandbox");
    }

    @Test
    void takesTheAdminPasswordFromAFileThroughAConfigTree(@TempDir Path secrets) throws IOException {
        Files.writeString(secrets.resolve("BINDFLOW_ADMIN_PASSWORD"), "a-long-enough-secret\n");
        MockEnvironment prod = environment(Map.of());
        prod.getPropertySources().addFirst(new ConfigTreePropertySource("configtree", secrets,
                ConfigTreePropertySource.Option.AUTO_TRIM_TRAILING_NEW_LINE));
        prod.setActiveProfiles("prod");
        new ProdStartupGuard().postProcessEnvironment(prod, new SpringApplication());

        Files.writeString(secrets.resolve("BINDFLOW_ADMIN_PASSWORD"), "short\n");
        MockEnvironment prodShort = environment(Map.of());
        prodShort.getPropertySources().addFirst(new ConfigTreePropertySource("configtree", secrets,
                ConfigTreePropertySource.Option.AUTO_TRIM_TRAILING_NEW_LINE));
        prodShort.setActiveProfiles("prod");
        assertThatThrownBy(() -> new ProdStartupGuard().postProcessEnvironment(prodShort, new SpringApplication()))
                .hasMessageContaining("too short");
    }

    @ParameterizedTest
    @ValueSource(strings = {"$(cat /etc/bindflow/secrets/otp-secret)", "`cat /etc/bindflow/secrets/otp-secret`"})
    void refusesAShellSubstitutionThatWasNeverRunNamingTheVariableNotTheValue(String literal) {
        // systemd's EnvironmentFile or docker --env-file pass the example file's "$(cat ...)" as it is: long enough
        MockEnvironment prod = environment(Map.of("BINDFLOW_ADMIN_PASSWORD", "a-long-enough-secret",
                "BINDFLOW_OTP_SECRET", literal, "SPRING_DATASOURCE_PASSWORD", literal, "PS1", "`date` $(pwd)"));
        prod.setActiveProfiles("prod");
        assertThatThrownBy(() -> new ProdStartupGuard().postProcessEnvironment(prod, new SpringApplication()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("BINDFLOW_OTP_SECRET, SPRING_DATASOURCE_PASSWORD still hold a shell command substitution")
                .hasMessageContaining("set -a; .")
                .hasMessageNotContaining("otp-secret").hasMessageNotContaining("PS1");
        MockEnvironment adminToo = environment(Map.of("BINDFLOW_ADMIN_PASSWORD", "$(cat /etc/bindflow/secrets/admin-password)"));
        adminToo.setActiveProfiles("prod");
        assertThatThrownBy(() -> new ProdStartupGuard().postProcessEnvironment(adminToo, new SpringApplication()))
                .hasMessageContaining("BINDFLOW_ADMIN_PASSWORD still holds");
    }

    @Test
    void isRegisteredAsAnEnvironmentPostProcessor() throws IOException {
        Properties factories = PropertiesLoaderUtils.loadProperties(new ClassPathResource("META-INF/spring.factories"));
        assertThat(factories.getProperty(EnvironmentPostProcessor.class.getName())).contains(ProdStartupGuard.class.getName());
    }

    @Test
    void theApplicationFailsFastWithTheProdProfileBeforeAnyContextExists() {
        assertThat(runProd(Map.of())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("BINDFLOW_ADMIN_PASSWORD is not set");
        assertThat(runProd(Map.of("BINDFLOW_ADMIN_PASSWORD", "admin123"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("BINDFLOW_ADMIN_PASSWORD is too short");
    }

    @Test
    void theProdProfileTakesTheAdminPasswordFromTheEnvironmentAndHasNoSandbox() throws IOException {
        Map<String, Object> prod = new HashMap<>();
        for (PropertySource<?> source : new YamlPropertySourceLoader().load("prod", new ClassPathResource("application-prod.yaml"))) {
            if (source.getSource() instanceof Map<?, ?> map) {
                map.forEach((k, v) -> prod.put(k.toString(), v.toString()));
            }
        }
        assertThat(prod).containsEntry("bindflow.sandbox.enabled", "false")
                .containsEntry("camunda.bpm.admin-user.id", "admin")
                .containsEntry("camunda.bpm.admin-user.password", "${BINDFLOW_ADMIN_PASSWORD}")
                .containsEntry("spring.datasource.url", "${SPRING_DATASOURCE_URL}");
        // a job holds a connection, and may need a second (its own new transaction): two per job thread, and room
        // for the web requests besides
        int jobThreads = Integer.parseInt((String) prod.get("camunda.bpm.job-execution.max-pool-size"));
        assertThat(Integer.parseInt((String) prod.get("spring.datasource.hikari.maximum-pool-size")))
                .isGreaterThanOrEqualTo(2 * jobThreads + 10);
    }

    /** Runs the real application with the prod profile and the given process environment; returns what it threw. */
    private static Throwable runProd(Map<String, Object> processEnvironment) {
        SpringApplication application = ProdProfile.application(processEnvironment);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setLogStartupInfo(false);
        // leave the logging of the test JVM (and of the shared test context) alone
        application.setListeners(application.getListeners().stream()
                .filter(listener -> !(listener instanceof LoggingApplicationListener)).toList());
        AtomicBoolean contextCreated = new AtomicBoolean();
        application.addInitializers(context -> contextCreated.set(true));
        Throwable thrown = null;
        try {
            application.run().close();
        } catch (Throwable e) {
            thrown = e;
        }
        assertThat(contextCreated).as("no application context (no datasource, no engine) was created").isFalse();
        return thrown;
    }

    private static MockEnvironment environment(Map<String, Object> processEnvironment) {
        MockEnvironment environment = new MockEnvironment();
        environment.getPropertySources().addLast(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, processEnvironment));
        return environment;
    }
}
