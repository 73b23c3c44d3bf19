package com.bindflow.credit.jdfinance;

import com.bindflow.credit.BaitiaoAccount;
import com.bindflow.credit.JdFinanceAccounts;
import com.bindflow.shared.OutsideCallFailure;
import com.bindflow.shared.OutsideCalls;
import com.bindflow.shared.OutsideSystem;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The production {@link JdFinanceAccounts}: JD Finance's API as docs/jd-finance-api.yaml defines it, over a
 * {@link RestClient} on the JDK's HTTP client with connect and read timeouts. Both calls are GETs, so they are
 * idempotent: {@link OutsideCalls} sends them again once after a 5xx or a refused connection, never after a timeout.
 * A 404 is JD Finance's answer "no such user" only as the documented problem ({@code application/problem+json} with
 * {@code code} {@value #UNKNOWN_USER}); any other 404 or non-2xx, a body that is not the documented JSON, or a network
 * failure is a technical failure ({@link OutsideCallFailure}), never a verdict on the customer.
 */
public class JdFinanceApiClient implements JdFinanceAccounts {

    static final String CUSTOMER = "/v1/customers/{userId}";
    static final String ACCOUNT = "/v1/customers/{userId}/baitiao-account";
    /** The {@code code} of the problem of a 404 that means "no such user" (docs/jd-finance-api.yaml, NotFound). */
    static final String UNKNOWN_USER = "UNKNOWN_USER";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** GET /v1/customers/{userId}. */
    record Customer(String userId) {
    }

    /** GET /v1/customers/{userId}/baitiao-account. */
    record Account(String userId, String realName, String idNumber, String phone, String status, Boolean overdue,
                   Integer realNameClass, Boolean enterprise, Boolean cashOutHistory, Boolean crossBorderPermission,
                   Credit credit) {
    }

    record Credit(Long limitFen, Long availableFen) {
    }

    /** The problem of an error answer, as far as bindflow reads it. */
    record Problem(String code) {
    }

    private final RestClient http;
    private final OutsideCalls calls;

    public JdFinanceApiClient(JdFinanceProperties properties, OutsideCalls calls) {
        JdFinanceProperties checked = properties.checked();
        HttpClient jdk = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(checked.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(jdk);
        requests.setReadTimeout(checked.readTimeout());
        this.http = RestClient.builder()
                .requestFactory(requests)
                .baseUrl(checked.baseUrl())
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + checked.token())
                .defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
                .build();
        this.calls = calls;
    }

    @Override
    public boolean exists(String userId) {
        return calls.call(calls.budget(), OutsideSystem.JD_FINANCE, "customer", OutsideCalls.Retries.IDEMPOTENT,
                found -> !found, () -> get("customer", CUSTOMER, userId, Customer.class).isPresent());
    }

    @Override
    public Optional<BaitiaoAccount> find(String userId) {
        return calls.call(calls.budget(), OutsideSystem.JD_FINANCE, "account-facts", OutsideCalls.Retries.IDEMPOTENT,
                Optional::isEmpty, () -> get("account-facts", ACCOUNT, userId, Account.class)
                        .map(a -> toAccount(userId, a)));
    }

    /** One GET: the body as {@code type}, empty for the documented "no such user"; a technical failure otherwise. */
    private <T> Optional<T> get(String operation, String path, String userId, Class<T> type) {
        try {
            return http.get().uri(path, userId).exchange((request, response) -> {
                int status = response.getStatusCode().value();
                String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
                if (status == 404 && unknownUser(response.getHeaders().getContentType(), body)) {
                    return Optional.<T>empty();
                }
                if (status / 100 != 2) {
                    throw new OutsideCallFailure(OutsideSystem.JD_FINANCE, OutsideCallFailure.Kind.ERROR,
                            operation + ": JD Finance answered " + status);
                }
                try {
                    return Optional.of(JSON.readValue(body, type));
                } catch (IOException malformed) {
                    throw malformed(operation, "a body that is not the documented JSON");
                }
            });
        } catch (ResourceAccessException network) {
            throw OutsideCallFailure.ofNetwork(OutsideSystem.JD_FINANCE, operation, network);
        } catch (RestClientException other) {
            throw OutsideCallFailure.ofNetwork(OutsideSystem.JD_FINANCE, operation, other);
        }
    }

    private static boolean unknownUser(MediaType contentType, String body) {
        if (contentType == null || !MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(contentType)) {
            return false;
        }
        try {
            return UNKNOWN_USER.equals(JSON.readValue(body, Problem.class).code());
        } catch (IOException notAProblem) {
            return false;
        }
    }

    private static BaitiaoAccount toAccount(String userId, Account a) {
        String op = "account-facts";
        if (a.userId() == null || !a.userId().equals(userId)) {
            throw malformed(op, "the account of another user");
        }
        if (a.realName() == null || a.idNumber() == null || a.phone() == null || a.status() == null
                || a.overdue() == null || a.realNameClass() == null || a.enterprise() == null
                || a.cashOutHistory() == null || a.crossBorderPermission() == null || a.credit() == null
                || a.credit().limitFen() == null || a.credit().availableFen() == null) {
            throw malformed(op, "a required field missing");
        }
        BaitiaoAccount.AccountStatus status;
        try {
            status = BaitiaoAccount.AccountStatus.valueOf(a.status());
        } catch (IllegalArgumentException unknown) {
            throw malformed(op, "an unknown status");
        }
        if (a.realNameClass() < 1 || a.realNameClass() > 3 || a.credit().limitFen() < 0 || a.credit().availableFen() < 0) {
            throw malformed(op, "a figure out of range");
        }
        return new BaitiaoAccount(a.userId(), a.realName(), a.idNumber(), a.phone(), status, a.overdue(),
                a.realNameClass(), a.enterprise(), a.cashOutHistory(), yuan(a.credit().limitFen()),
                yuan(a.credit().availableFen()), a.crossBorderPermission());
    }

    private static BigDecimal yuan(long fen) {
        return BigDecimal.valueOf(fen, 2);
    }

    private static OutsideCallFailure malformed(String operation, String what) {
        return new OutsideCallFailure(OutsideSystem.JD_FINANCE, OutsideCallFailure.Kind.ERROR,
                operation + ": JD Finance answered " + what);
    }
}
