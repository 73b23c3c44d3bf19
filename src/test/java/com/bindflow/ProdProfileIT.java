package com.bindflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.bindflow.credit.JdFinanceAccounts;
import com.bindflow.identity.IdentityVerification;
import com.bindflow.support.ProdProfile;
import com.bindflow.support.RawHttp;
import com.bindflow.verification.FaceRecognition;
import com.bindflow.verification.SmsGateway;
import com.bindflow.wechat.WeChatPay;
import com.bindflow.wechat.WeChatWallets;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The whole application started with the {@code prod} profile (its own JVM, an in-memory database of its own): the
 * process environment as an operator sets it, and test adapters for the ports whose production adapters are not written
 * yet. It has no {@code /sandbox} route at all, and its API clients' secrets come from the environment (two of them for
 * jd-app: a rotation in progress).
 */
class ProdProfileIT {

    static final String JD_APP_NEXT = "jd-app-next-secret-0123456789abcdef";
    static final String JD_APP_CURRENT = "jd-app-current-secret-0123456789abcd";
    static final String JD_FINANCE = "jd-finance-secret-0123456789abcdefgh";

    static ServletWebServerApplicationContext app;
    static RawHttp http;

    @BeforeAll
    static void startWithTheProdProfile() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        String database = "jdbc:h2:mem:bindflow-prod-it;DB_CLOSE_DELAY=-1";
        Map<String, Object> processEnvironment = new HashMap<>();
        processEnvironment.put("BINDFLOW_ADMIN_PASSWORD", "prod-it-admin-password");
        processEnvironment.put("BINDFLOW_OTP_SECRET", "prod-it-otp-secret-0123456789");
        processEnvironment.put("BINDFLOW_WECHAT_PLATFORM_PUBLIC_KEY", pem);
        processEnvironment.put("BINDFLOW_WECHAT_PUBLIC_KEY_ID", "PUB_KEY_ID_0000000000000000000000000001");
        processEnvironment.put("BINDFLOW_WECHAT_API_V3_KEY", "0123456789abcdef0123456789abcdef");
        processEnvironment.put("BINDFLOW_JD_APP_SECRETS", JD_APP_NEXT + "," + JD_APP_CURRENT);
        processEnvironment.put("BINDFLOW_JD_FINANCE_SECRETS", JD_FINANCE);
        processEnvironment.put("SPRING_DATASOURCE_URL", database);
        processEnvironment.put("SPRING_DATASOURCE_USERNAME", "sa");
        processEnvironment.put("SPRING_DATASOURCE_PASSWORD", "");
        SpringApplication application = ProdProfile.application(processEnvironment);
        application.addInitializers(context -> {
            // the ports without a production adapter yet
            GenericApplicationContext beans = (GenericApplicationContext) context;
            beans.registerBean(JdFinanceAccounts.class, () -> mock(JdFinanceAccounts.class));
            beans.registerBean(IdentityVerification.class, () -> mock(IdentityVerification.class));
            beans.registerBean(WeChatWallets.class, () -> mock(WeChatWallets.class));
            beans.registerBean(WeChatPay.class, () -> mock(WeChatPay.class));
            beans.registerBean(SmsGateway.class, () -> mock(SmsGateway.class));
            beans.registerBean(FaceRecognition.class, () -> mock(FaceRecognition.class));
        });
        // command-line arguments outrank the test JVM's system properties (the build's test database)
        app = (ServletWebServerApplicationContext) application.run("--server.port=0", "--spring.datasource.url=" + database,
                "--spring.datasource.username=sa", "--spring.datasource.password=",
                "--camunda.bpm.job-execution.enabled=false", "--bindflow.wechat.inbox.poll=false",
                "--bindflow.payments.step-up.sweep=false");
        http = new RawHttp(app.getWebServer().getPort());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theProdProfileHasNoSandboxRouteAtAll() {
        List<String> sandboxRoutes = app.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class)
                .getHandlerMethods().keySet().stream().flatMap(info -> info.getPatternValues().stream())
                .filter(pattern -> pattern.startsWith("/sandbox")).toList();
        assertThat(sandboxRoutes).isEmpty();
        assertThat(app.containsBean("sandboxAuthenticationFilter")).isFalse();

        for (String[] request : new String[][] {{"GET", "/sandbox/clock"}, {"POST", "/sandbox/clock"},
                {"GET", "/sandbox/sms/demo-ok"}, {"POST", "/sandbox/traffic"}, {"POST", "/sandbox/accounts/demo-ok/freezes"}}) {
            for (Map<String, String> headers : List.of(Map.<String, String>of(),
                    Map.of("Authorization", RawHttp.basic("jd-app", JD_APP_CURRENT), "Content-Type", "application/json"))) {
                RawHttp.Response response = http.send(request[0], request[1], headers, request[0].equals("GET") ? null : "{}");
                assertThat(response.status()).as("%s %s %s", request[0], request[1], response).isEqualTo(404);
                assertThat(response.isProblem()).isTrue();
            }
        }
    }

    @Test
    void theApiClientsSecretsComeFromTheEnvironmentAndBothSecretsOfARotationWork() {
        for (String secret : List.of(JD_APP_NEXT, JD_APP_CURRENT)) {
            assertThat(http.send("GET", "/api/bindings?userId=nobody", Map.of("Authorization", RawHttp.basic("jd-app", secret)),
                    (String) null).status()).isEqualTo(200);
        }
        assertThat(http.send("GET", "/api/bindings?userId=nobody",
                Map.of("Authorization", RawHttp.basic("jd-finance", JD_FINANCE)), (String) null).status()).isEqualTo(200);
        // the sandbox's demo secrets are no secrets here
        assertThat(http.send("GET", "/api/bindings?userId=nobody",
                Map.of("Authorization", RawHttp.basic("jd-app", "jd-app-secret")), (String) null).status()).isEqualTo(401);
    }

    @Test
    void thereAreNoDemoUsersOnlyTheAdministratorFromTheEnvironment() {
        IdentityService identity = app.getBean(IdentityService.class);
        assertThat(identity.createUserQuery().userIdIn("reviewer1", "cs1", "risk1", "supervisor1", "jd-app").count()).isZero();
        assertThat(identity.checkPassword("admin", "prod-it-admin-password")).isTrue();
    }
}
