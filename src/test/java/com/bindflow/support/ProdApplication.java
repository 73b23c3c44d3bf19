package com.bindflow.support;

import com.bindflow.support.standins.AliyunStandIn;
import com.bindflow.support.standins.JdFinanceStandIn;
import com.bindflow.support.standins.WeChatPayStandIn;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts bindflow with the {@code prod} profile as an operator does: every setting from the process environment
 * (README, "Running in production"), here a map the test makes — the stand-ins' URLs, keys and secrets, the API
 * clients' secrets — in place of the JVM's real environment ({@link ProdProfile}), and a database. The one place that
 * knows what the prod profile needs to start: adapt it here when that changes.
 *
 * <p>Three settings differ from a real start, so that the test drives time and work itself: the job executor is off
 * (the test runs due jobs, {@link com.bindflow.shared.DueJobs}), the WeChat inbox is processed by the test, and the
 * timeouts are short (connect 1 s, read 3 s: the stand-ins' TIMEOUT answers after 4 s).
 */
public final class ProdApplication {

    public static final String ADMIN_PASSWORD = "prod-it-" + UUID.randomUUID();
    /** The API clients' secrets (≥ 32 characters): jd-app's current and next (a rotation), jd-finance's. */
    public static final String JD_APP_CURRENT = randomSecret();
    public static final String JD_APP_NEXT = randomSecret();
    public static final String JD_FINANCE = randomSecret();

    private ProdApplication() {
    }

    /** The database of this run: the IT database when it is PostgreSQL, otherwise an in-memory H2 of this JVM. */
    public static String database() {
        String it = System.getProperty("it.datasource.url", "");
        return it.startsWith("jdbc:postgresql:") ? it : "jdbc:h2:mem:prod-it;DB_CLOSE_DELAY=-1";
    }

    /**
     * The whole environment of a prod start (every variable of README's table): bindflow's own, the API clients', the
     * database's ({@code database}; the run's user and password), and the stand-ins' for the outside systems.
     */
    public static Map<String, Object> environment(String database, WeChatPayStandIn wechat, AliyunStandIn aliyun,
                                                  JdFinanceStandIn jd) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("BINDFLOW_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("BINDFLOW_OTP_SECRET", "prod-it-otp-secret-" + UUID.randomUUID());
        env.put("BINDFLOW_JD_APP_SECRETS", JD_APP_NEXT + "," + JD_APP_CURRENT);
        env.put("BINDFLOW_JD_FINANCE_SECRETS", JD_FINANCE);
        env.put("SPRING_DATASOURCE_URL", database);
        env.put("SPRING_DATASOURCE_USERNAME", database.startsWith("jdbc:h2:") ? "sa"
                : System.getProperty("spring.datasource.username", "postgres"));
        env.put("SPRING_DATASOURCE_PASSWORD", database.startsWith("jdbc:h2:") ? ""
                : System.getProperty("spring.datasource.password", ""));
        env.putAll(wechat.environment("https://bindflow.example.com"));
        env.putAll(aliyun.environment());
        env.putAll(jd.environment());
        return env;
    }

    public static ConfigurableApplicationContext start(Map<String, Object> processEnvironment) {
        String database = (String) processEnvironment.get("SPRING_DATASOURCE_URL");
        List<String> args = List.of("--server.port=0",
                // command-line arguments outrank the test JVM's system properties (the build's test database)
                "--spring.datasource.url=" + database,
                "--spring.datasource.username=" + processEnvironment.get("SPRING_DATASOURCE_USERNAME"),
                "--spring.datasource.password=" + processEnvironment.get("SPRING_DATASOURCE_PASSWORD"),
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
        return ProdProfile.application(processEnvironment).run(args.toArray(String[]::new));
    }

    /** 32 random bytes, base64url: what production start-up accepts (length and estimated entropy). */
    public static String randomSecret() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
