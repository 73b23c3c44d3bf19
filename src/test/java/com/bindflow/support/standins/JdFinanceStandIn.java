package com.bindflow.support.standins;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * JD Finance's API as docs/jd-finance-api.yaml defines it, on a random port: the customers and Baitiao accounts the
 * test puts there; a request without our bearer token gets 401; an unknown user 404 with the problem code UNKNOWN_USER.
 * {@link #fail} makes calls time out, answer 500, send a malformed body or reset the connection; {@link #answer} any
 * other answer.
 */
public final class JdFinanceStandIn implements AutoCloseable {

    public static final String TOKEN = "jdf-" + UUID.randomUUID();

    private final WireMockServer server;
    private final List<StubMapping> faults = new ArrayList<>();

    public JdFinanceStandIn() {
        server = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(20));
        server.start();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":404,\"title\":\"Not Found\",\"code\":\"UNKNOWN_USER\",\"detail\":\"no such user\"}")));
        server.stubFor(any(anyUrl()).atPriority(2).withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock
                .notMatching("Bearer " + java.util.regex.Pattern.quote(TOKEN))).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"status\":401,\"title\":\"Unauthorized\"}")));
    }

    public String baseUrl() {
        return "http://localhost:" + server.port();
    }

    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("BINDFLOW_JD_FINANCE_BASE_URL", baseUrl());
        env.put("BINDFLOW_JD_FINANCE_TOKEN", TOKEN);
        return env;
    }

    /** A customer with a normal, eligible Baitiao account (credit in fen). */
    public void customer(String userId, String realName, String idNumber, String phone, long limitFen, long availableFen) {
        account(userId, "{\"userId\":\"" + userId + "\",\"realName\":\"" + realName + "\",\"idNumber\":\"" + idNumber
                + "\",\"phone\":\"" + phone + "\",\"status\":\"NORMAL\",\"overdue\":false,\"realNameClass\":3,"
                + "\"enterprise\":false,\"cashOutHistory\":false,\"crossBorderPermission\":false,\"credit\":{\"limitFen\":"
                + limitFen + ",\"availableFen\":" + availableFen + "},\"accountOpenedAt\":\"2019-05-01\"}");
    }

    /** A customer whose account answers with this body. */
    public void account(String userId, String accountJson) {
        server.stubFor(get(urlPathEqualTo("/v1/customers/" + userId)).atPriority(5)
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)).willReturn(okJson("{\"userId\":\"" + userId + "\"}")));
        server.stubFor(get(urlPathEqualTo("/v1/customers/" + userId + "/baitiao-account")).atPriority(5)
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)).willReturn(okJson(accountJson)));
    }

    /** Calls to paths matching {@code pathRegex} fail with {@code fault} until {@link #heal}. */
    public void fail(String pathRegex, StandInFault fault) {
        ResponseDefinitionBuilder response = switch (fault) {
            case TIMEOUT -> okJson("{}").withFixedDelay(StandInFault.TIMEOUT_DELAY_MS);
            case SERVER_ERROR -> aResponse().withStatus(503).withHeader("Content-Type", "application/problem+json")
                    .withBody("{\"status\":503,\"title\":\"Service Unavailable\"}");
            case MALFORMED -> aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody("<html>maintenance</html>");
            case MALFORMED_JSON -> okJson("{\"userId\":");
            case MISSING_FIELDS -> okJson("{}");
            case BAD_SIGNATURE -> throw new IllegalArgumentException("JD Finance's answers are not signed");
            case RESET -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
        };
        synchronized (faults) {
            faults.add(server.stubFor(get(urlPathMatching(pathRegex)).atPriority(1).willReturn(response)));
        }
    }

    /** Calls to paths matching {@code pathRegex} get this answer until {@link #heal}. */
    public void answer(String pathRegex, int status, String contentType, String body) {
        synchronized (faults) {
            faults.add(server.stubFor(get(urlPathMatching(pathRegex)).atPriority(1).willReturn(aResponse().withStatus(status)
                    .withHeader("Content-Type", contentType).withBody(body))));
        }
    }

    public void heal() {
        synchronized (faults) {
            faults.forEach(server::removeStub);
            faults.clear();
        }
    }

    public int requests(String pathRegex) {
        return server.findAll(RequestPatternBuilder.newRequestPattern(
                com.github.tomakehurst.wiremock.http.RequestMethod.GET, urlPathMatching(pathRegex))).size();
    }

    public void resetRequests() {
        server.resetRequests();
    }

    @Override
    public void close() {
        server.stop();
    }
}
