package com.bindflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.bindflow.support.ProdApplication;
import com.bindflow.support.RawHttp;
import com.bindflow.support.standins.AliyunStandIn;
import com.bindflow.support.standins.JdFinanceStandIn;
import com.bindflow.support.standins.WeChatPayStandIn;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The whole application started with the {@code prod} profile (its own JVM, an in-memory database of its own): the
 * process environment as an operator sets it, the production adapters pointing at the stand-ins. It has no
 * {@code /sandbox} route at all, and its API clients' secrets come from the environment (two of them for jd-app: a
 * rotation in progress). ProdProfileIT binds end to end on the run's database.
 */
class ProdProfileSecurityIT {

    static final String JD_APP_NEXT = ProdApplication.JD_APP_NEXT;
    static final String JD_APP_CURRENT = ProdApplication.JD_APP_CURRENT;
    static final String JD_FINANCE = ProdApplication.JD_FINANCE;

    static final WeChatPayStandIn wechat = new WeChatPayStandIn();
    static final AliyunStandIn aliyun = new AliyunStandIn();
    static final JdFinanceStandIn jd = new JdFinanceStandIn();
    static ServletWebServerApplicationContext app;
    static RawHttp http;

    @BeforeAll
    static void startWithTheProdProfile() {
        app = (ServletWebServerApplicationContext) ProdApplication.start(ProdApplication.environment(
                "jdbc:h2:mem:bindflow-prod-security-it;DB_CLOSE_DELAY=-1", wechat, aliyun, jd));
        http = new RawHttp(app.getWebServer().getPort());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        wechat.close();
        aliyun.close();
        jd.close();
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
        assertThat(identity.checkPassword("admin", ProdApplication.ADMIN_PASSWORD)).isTrue();
    }
}
