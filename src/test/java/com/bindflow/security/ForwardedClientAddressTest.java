package com.bindflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.bindflow.support.RawHttp;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.embedded.TomcatWebServerFactoryCustomizer;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The prod profile behind a reverse proxy: with {@code server.forward-headers-strategy: native} and the trusted proxies
 * from {@code BINDFLOW_TRUSTED_PROXIES} (application-prod.yaml), the client's address is the one a trusted proxy
 * forwarded in {@code X-Forwarded-For}, so the throttle of wrong credentials keys on the real client; from a peer that
 * is no trusted proxy the header is ignored (anyone could send it). A Tomcat configured by Spring Boot's own
 * customizer from the prod profile's {@code server.*} keys, with the API-client filter and the throttle in front of a
 * servlet that echoes the address it sees; the test's requests come from 127.0.0.1.
 */
class ForwardedClientAddressTest {

    private WebServer server;
    private final WrongCredentialThrottle throttle = new WrongCredentialThrottle(3, Duration.ofMinutes(1), 100, System::nanoTime);

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** Starts Tomcat as the prod profile configures it, with the given environment variable (null: unset). */
    private RawHttp start(String trustedProxies) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        Map<String, Object> variables = new HashMap<>();
        if (trustedProxies != null) {
            variables.put("BINDFLOW_TRUSTED_PROXIES", trustedProxies);
        }
        environment.getPropertySources().addFirst(new MapPropertySource("process environment", variables));
        for (PropertySource<?> source : new YamlPropertySourceLoader().load("application-prod.yaml",
                new ClassPathResource("application-prod.yaml"))) {
            environment.getPropertySources().addLast(source);
        }
        ServerProperties properties = Binder.get(environment).bind("server", ServerProperties.class).get();
        assertThat(properties.getForwardHeadersStrategy()).isEqualTo(ServerProperties.ForwardHeadersStrategy.NATIVE);
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
        new TomcatWebServerFactoryCustomizer(environment, properties).customize(factory);
        ApiClients clients = new ApiClients(Map.of("jd-app", client()), 8);
        server = factory.getWebServer(context -> {
            var filter = context.addFilter("apiClients", new ApiClientAuthenticationFilter(clients, throttle, ObjectMapper::new,
                    List.of(), BindflowGroups.API_CLIENTS));
            filter.addMappingForUrlPatterns(EnumSet.of(jakarta.servlet.DispatcherType.REQUEST), false, "/api/*");
            var echo = context.addServlet("echo", new HttpServlet() {
                @Override
                protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                    response.setContentType("text/plain");
                    response.getWriter().write(request.getRemoteAddr());
                }
            });
            echo.addMapping("/*");
        });
        server.start();
        return new RawHttp(server.getPort());
    }

    private static SecurityProperties.ApiClient client() {
        SecurityProperties.ApiClient client = new SecurityProperties.ApiClient();
        client.setSecrets(List.of("the-right-secret"));
        return client;
    }

    private static Map<String, String> from(String forwardedFor, String password) {
        return Map.of("X-Forwarded-For", forwardedFor, "Authorization", RawHttp.basic("jd-app", password));
    }

    @Test
    void xForwardedForFromATrustedProxyIsTheClientAddress() throws IOException {
        RawHttp http = start("127\\.0\\.0\\.1");
        assertThat(http.send("GET", "/echo", from("203.0.113.7", "x"), (String) null).body())
                .isEqualTo("203.0.113.7");
        // the throttle keys on the forwarded address: one client is throttled, another behind the same proxy is not
        for (int i = 0; i < 3; i++) {
            assertThat(http.send("GET", "/api/x", from("203.0.113.7", "wrong"), (String) null).status()).isEqualTo(401);
        }
        assertThat(http.send("GET", "/api/x", from("203.0.113.7", "wrong"), (String) null).status()).isEqualTo(429);
        assertThat(http.send("GET", "/api/x", from("203.0.113.8", "wrong"), (String) null).status()).isEqualTo(401);
        assertThat(throttle.blocked("203.0.113.7")).isPresent();
        assertThat(throttle.blocked("127.0.0.1")).isEmpty();
    }

    @Test
    void xForwardedForFromAnUntrustedPeerIsIgnored() throws IOException {
        for (String trusted : new String[] {null, "10\\.0\\.1\\.5"}) {
            throttle.clear();
            RawHttp http = start(trusted);
            assertThat(http.send("GET", "/echo", from("203.0.113.7", "x"), (String) null).body())
                    .as("BINDFLOW_TRUSTED_PROXIES=%s", trusted).isEqualTo("127.0.0.1");
            // a stranger cannot escape the throttle by sending another X-Forwarded-For each time
            for (int i = 0; i < 3; i++) {
                assertThat(http.send("GET", "/api/x", from("198.51.100." + i, "wrong"), (String) null).status()).isEqualTo(401);
            }
            assertThat(http.send("GET", "/api/x", from("198.51.100.9", "wrong"), (String) null).status()).isEqualTo(429);
            assertThat(throttle.blocked("127.0.0.1")).isPresent();
            server.stop();
            server = null;
        }
    }
}
