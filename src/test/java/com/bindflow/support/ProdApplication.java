package com.bindflow.support;

import com.bindflow.BindflowApplication;
import com.bindflow.security.BindflowGroups;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Starts bindflow with the {@code prod} profile as an operator does: every setting from the process environment
 * (README, "Running in production"), here a map the test makes — the stand-ins' URLs, keys and secrets — in place of
 * the JVM's real environment, the database of the run (PostgreSQL in the {@code -Ppostgres} run, else an in-memory H2),
 * and an API client made the way an administrator makes one. The one place that knows how the prod profile is started
 * and authenticated: adapt it here when that changes.
 *
 * <p>Three settings differ from a real start, so that the test drives time and work itself: the job executor is off
 * (the test runs due jobs, {@link com.bindflow.shared.DueJobs}), the WeChat inbox is processed by the test, and the
 * timeouts are short (connect 1 s, read 3 s: the stand-ins' TIMEOUT answers after 4 s).
 */
public final class ProdApplication {

    public static final String ADMIN_PASSWORD = "prod-it-" + UUID.randomUUID();

    private ProdApplication() {
    }

    /** The database of this run: the IT database when it is PostgreSQL, otherwise an in-memory H2 of this JVM. */
    public static String database() {
        String it = System.getProperty("it.datasource.url", "");
        return it.startsWith("jdbc:postgresql:") ? it : "jdbc:h2:mem:prod-it;DB_CLOSE_DELAY=-1";
    }

    /** The environment every prod start needs besides the outside systems'. */
    public static Map<String, String> baseEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("BINDFLOW_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("BINDFLOW_OTP_SECRET", "prod-it-otp-secret-" + UUID.randomUUID());
        env.put("SPRING_DATASOURCE_URL", database());
        env.put("SPRING_DATASOURCE_USERNAME", System.getProperty("spring.datasource.username", "sa"));
        env.put("SPRING_DATASOURCE_PASSWORD", System.getProperty("spring.datasource.password", ""));
        return env;
    }

    public static ConfigurableApplicationContext start(Map<String, String> processEnvironment) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.copyOf(processEnvironment)));
        SpringApplication application = new SpringApplication(BindflowApplication.class);
        application.setEnvironment(environment);
        application.setAdditionalProfiles("prod");
        List<String> args = List.of("--server.port=0",
                "--camunda.bpm.job-execution.enabled=false",
                "--bindflow.wechat.inbox.poll=false",
                "--bindflow.payments.step-up.sweep=false",
                "--bindflow.wechat.api.connect-timeout=PT1S", "--bindflow.wechat.api.read-timeout=PT3S",
                "--bindflow.jd-finance.connect-timeout=PT1S", "--bindflow.jd-finance.read-timeout=PT3S",
                "--bindflow.aliyun.sms.connect-timeout=PT1S", "--bindflow.aliyun.sms.read-timeout=PT3S",
                "--bindflow.aliyun.id-verification.connect-timeout=PT1S",
                "--bindflow.aliyun.id-verification.read-timeout=PT3S",
                "--bindflow.wechat.api.settle-wait=PT0.1S",
                "--resilience4j.retry.configs.default.wait-duration=PT0.1S");
        return application.run(args.toArray(String[]::new));
    }

    /** An API client as an administrator makes one in production: a Camunda user in the group api-clients. */
    public record ApiClient(String id, String password) {
    }

    public static ApiClient apiClient(ConfigurableApplicationContext context) {
        IdentityService identity = context.getBean(IdentityService.class);
        if (identity.createGroupQuery().groupId(BindflowGroups.API_CLIENTS).count() == 0) {
            Group group = identity.newGroup(BindflowGroups.API_CLIENTS);
            group.setName("API clients");
            group.setType("SYSTEM");
            identity.saveGroup(group);
        }
        String id = "prod-it-" + UUID.randomUUID().toString().substring(0, 8);
        String password = UUID.randomUUID().toString();
        User user = identity.newUser(id);
        user.setPassword(password);
        user.setFirstName("JD app");
        user.setLastName("backend");
        identity.saveUser(user);
        identity.createMembership(id, BindflowGroups.API_CLIENTS);
        return new ApiClient(id, password);
    }
}
