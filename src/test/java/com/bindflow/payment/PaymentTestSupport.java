package com.bindflow.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.bindflow.shared.Idempotency;
import com.bindflow.support.ApiTestSupport;
import com.bindflow.support.JdAppApi;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Payment tests over REST as the JD app backend (jd-app), with the test clock of {@link ProcessTestSupport}. */
public abstract class PaymentTestSupport extends ApiTestSupport {

    protected static final String AUTHORIZATIONS = "/api/payments/authorizations";

    @Autowired
    protected PaymentAuthorizationService payments;
    @Autowired
    protected StepUps stepUps;

    @BeforeEach
    void withExactDecimals() {
        // decimals exactly as written (2000.00 stays 2000.00)
        json = json.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
        api = new JdAppApi(anonymous, json);
    }

    protected ResponseEntity<JsonNode> call(HttpMethod method, String path, String body, String idempotencyKey) {
        HttpHeaders headers = new HttpHeaders();
        if (idempotencyKey != null) {
            headers.set(Idempotency.HEADER, idempotencyKey);
        }
        return api.call(method, path, body, headers);
    }

    /** A request body: the payment now (engine clock), to a merchant unless said otherwise. */
    protected ObjectNode payment(String userId, Scenario scenario, String amount, String city) {
        ObjectNode body = json.createObjectNode();
        body.put("userId", userId);
        body.put("scenario", scenario.name());
        body.put("amount", new BigDecimal(amount));
        body.putObject("payee").put("type", "MERCHANT").put("id", "m-" + city);
        body.put("city", city);
        body.put("occurredAt", now().toString());
        if (scenario == Scenario.TRANSFER) {
            body.put("purpose", "CREDIT_CARD_REPAYMENT");
        }
        return body;
    }

    protected ResponseEntity<JsonNode> post(ObjectNode body, String key) {
        return call(HttpMethod.POST, AUTHORIZATIONS, body.toString(), key);
    }

    /** Authorizes with a fresh key; must be answered 201. */
    protected JsonNode authorize(ObjectNode body) {
        ResponseEntity<JsonNode> r = post(body, UUID.randomUUID().toString());
        assertThat(r.getStatusCode()).as("%s", r.getBody()).isEqualTo(HttpStatus.CREATED);
        return r.getBody();
    }

    protected JsonNode authorize(String userId, Scenario scenario, String amount, String city) {
        return authorize(payment(userId, scenario, amount, city));
    }

    protected ResponseEntity<JsonNode> get(String id) {
        return call(HttpMethod.GET, AUTHORIZATIONS + "/" + id, null, null);
    }

    protected ResponseEntity<JsonNode> face(String id, String token) {
        return call(HttpMethod.POST, AUTHORIZATIONS + "/" + id + "/face", "{\"providerToken\":\"" + token + "\"}", null);
    }

    protected ResponseEntity<JsonNode> reverse(String id) {
        return call(HttpMethod.POST, AUTHORIZATIONS + "/" + id + "/reversal", null, null);
    }

    protected static String decision(JsonNode authorization) {
        return authorization.path("decision").asText();
    }

    protected static List<String> reasons(JsonNode authorization) {
        List<String> codes = new ArrayList<>();
        authorization.path("reasons").forEach(r -> codes.add(r.path("code").asText()));
        return codes;
    }

    /** The customer's ledger figures now: available credit and WeChat exposure. */
    protected PaymentLedger.Entry figures(String userId) {
        return payments.figures(userId).orElseThrow();
    }

    protected static void assertProblem(ResponseEntity<JsonNode> r, HttpStatus status, String code, String field) {
        JdAppApi.assertProblem(r, status, code, field);
    }

    protected int rows(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Integer.class);
    }
}
