package com.bindflow.support.standins;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.aliyun.tea.TeaRequest;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.RequestMatcherExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Alibaba Cloud's SMS ({@code SendSms}, {@code QuerySendDetails}) and ID Verification ({@code Id2MetaVerify},
 * {@code DescribeFaceVerify}) on the wire, on a random port: RPC style, {@code POST /?<params>} with the action in
 * {@code x-acs-action}. Every request's {@code ACS3-HMAC-SHA256} signature is recomputed with our AccessKey secret
 * (unsigned or wrongly signed: 400 {@code SignatureDoesNotMatch}). A small state: the messages sent (an SMS "reaches
 * the phone" when SendSms is handled), the public-security registry (ID number → name), the face captures (CertifyId
 * → result). {@link #fail} makes an action time out, answer 500, send a malformed body or reset the connection: a 500
 * and a malformed body change nothing; a timeout and a reset come after Alibaba Cloud acted (the SMS went out, its
 * answer was lost).
 */
public final class AliyunStandIn implements AutoCloseable {

    public static final String ACCESS_KEY_ID = "LTAI5tStandInAccessKey";
    public static final String ACCESS_KEY_SECRET = "standin-secret-" + UUID.randomUUID();

    private static final String ALIYUN = "aliyun";
    private static final String AUTH = "aliyun-auth";
    private static final String FAULT = StandInFault.PARAMETER;

    /** An SMS as the phone received it. */
    public record Sms(String phone, String signName, String templateCode, String templateParam, String outId) {
    }

    private final WireMockServer server;
    private final List<Sms> sent = new CopyOnWriteArrayList<>();
    private final Map<String, String> registry = new ConcurrentHashMap<>();
    private final Map<String, String[]> captures = new ConcurrentHashMap<>();
    private final List<StubMapping> faults = new ArrayList<>();

    public AliyunStandIn() {
        server = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(20)
                .extensions(new Api(), new Auth()));
        server.start();
        server.stubFor(post(urlPathEqualTo("/")).atPriority(5).andMatching(AUTH).willReturn(aResponse().withTransformers(ALIYUN)));
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"Code\":\"SignatureDoesNotMatch\",\"Message\":\"Specified signature is not matched\",\"RequestId\":\"0\"}")));
    }

    public String url() {
        return "http://localhost:" + server.port();
    }

    /** The prod profile's environment for Alibaba Cloud, pointing at this stand-in. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ALIBABA_CLOUD_ACCESS_KEY_ID", ACCESS_KEY_ID);
        env.put("ALIBABA_CLOUD_ACCESS_KEY_SECRET", ACCESS_KEY_SECRET);
        env.put("BINDFLOW_SMS_URL", url());
        env.put("BINDFLOW_SMS_SIGN_NAME", "京东白条");
        env.put("BINDFLOW_SMS_TEMPLATE_CODE", "SMS_465950123");
        env.put("BINDFLOW_ID_VERIFICATION_URL", url());
        env.put("BINDFLOW_FACE_SCENE_ID", "1000000123");
        return env;
    }

    // ---- state --------------------------------------------------------------------------------------------------

    /** The public-security registry knows this ID number under this name. */
    public void person(String idNumber, String realName) {
        registry.put(idNumber, realName);
    }

    /** A face capture the app made: {@code passed} T/F and the SubCode. */
    public void capture(String certifyId, boolean passed, String subCode) {
        captures.put(certifyId, new String[] {passed ? "T" : "F", subCode});
    }

    /** The messages the phones received. */
    public List<Sms> sent() {
        return List.copyOf(sent);
    }

    public List<Sms> sentTo(String phone) {
        return sent.stream().filter(s -> s.phone().equals(phone)).toList();
    }

    // ---- faults -------------------------------------------------------------------------------------------------

    /** Every call of {@code action} fails with {@code fault} until {@link #heal}. */
    public void fail(String action, StandInFault fault) {
        MappingBuilder stub = post(urlPathEqualTo("/")).atPriority(1).withHeader("x-acs-action", equalTo(action))
                .andMatching(AUTH).willReturn(aResponse().withTransformers(ALIYUN).withTransformerParameter(FAULT, fault.name()));
        synchronized (faults) {
            faults.add(server.stubFor(stub));
        }
    }

    public void heal() {
        synchronized (faults) {
            faults.forEach(server::removeStub);
            faults.clear();
        }
    }

    /** How many calls of {@code action} arrived. */
    public int requests(String action) {
        return (int) server.getAllServeEvents().stream()
                .filter(e -> action.equals(e.getRequest().getHeader("x-acs-action"))).count();
    }

    /** How many calls of {@code action} with {@code queryValue} among their parameters arrived. */
    public int requests(String action, String queryValue) {
        return (int) server.getAllServeEvents().stream()
                .filter(e -> action.equals(e.getRequest().getHeader("x-acs-action")))
                .filter(e -> query(e.getRequest()).containsValue(queryValue)).count();
    }

    public void reset() {
        heal();
        server.resetRequests();
        sent.clear();
    }

    // ---- the API ------------------------------------------------------------------------------------------------

    private static Map<String, String> query(Request request) {
        Map<String, String> query = new HashMap<>();
        String url = request.getUrl();
        int q = url.indexOf('?');
        if (q < 0) {
            return query;
        }
        for (String pair : url.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private final class Api implements ResponseDefinitionTransformerV2 {

        @Override
        public String getName() {
            return ALIYUN;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            StandInFault fault = StandInFault.of(event);
            if (fault == StandInFault.SERVER_ERROR) {
                return json(500, "{\"Code\":\"ServiceUnavailable\",\"Message\":\"The request has failed due to a temporary "
                        + "failure of the server.\",\"RequestId\":\"" + UUID.randomUUID() + "\"}");
            }
            if (fault == StandInFault.MALFORMED) {
                return ResponseDefinitionBuilder.responseDefinition().withStatus(200).withHeader("Content-Type", "text/html")
                        .withBody("<html><body>502 Bad Gateway</body></html>").build();
            }
            ResponseDefinition answer = answer(event.getRequest().getHeader("x-acs-action"), query(event.getRequest()));
            if (fault == StandInFault.TIMEOUT) {
                return ResponseDefinitionBuilder.like(answer).withFixedDelay(StandInFault.TIMEOUT_DELAY_MS).build();
            }
            if (fault == StandInFault.RESET) {
                return ResponseDefinitionBuilder.like(answer).withFault(Fault.CONNECTION_RESET_BY_PEER).build();
            }
            return answer;
        }

        private ResponseDefinition answer(String action, Map<String, String> query) {
            JsonObject body = new JsonObject();
            body.addProperty("RequestId", UUID.randomUUID().toString());
            switch (String.valueOf(action)) {
                case "SendSms" -> {
                    String phone = query.get("PhoneNumbers");
                    if (phone == null || !phone.matches("1\\d{10}")) {
                        body.addProperty("Code", "isv.MOBILE_NUMBER_ILLEGAL");
                        body.addProperty("Message", "非法手机号");
                        return json(200, body.toString());
                    }
                    sent.add(new Sms(phone, query.get("SignName"), query.get("TemplateCode"), query.get("TemplateParam"),
                            query.get("OutId")));
                    body.addProperty("Code", "OK");
                    body.addProperty("Message", "OK");
                    body.addProperty("BizId", "9006197469364984" + sent.size());
                }
                case "QuerySendDetails" -> {
                    JsonArray records = new JsonArray();
                    for (Sms sms : sentTo(String.valueOf(query.get("PhoneNumber")))) {
                        JsonObject record = new JsonObject();
                        record.addProperty("PhoneNum", sms.phone());
                        record.addProperty("OutId", sms.outId());
                        record.addProperty("SendStatus", 3);
                        record.addProperty("TemplateCode", sms.templateCode());
                        records.add(record);
                    }
                    JsonObject dtos = new JsonObject();
                    dtos.add("SmsSendDetailDTO", records);
                    body.addProperty("Code", "OK");
                    body.addProperty("Message", "OK");
                    body.addProperty("TotalCount", Integer.toString(records.size()));
                    body.add("SmsSendDetailDTOs", dtos);
                }
                case "Id2MetaVerify" -> {
                    String name = registry.get(String.valueOf(query.get("IdentifyNum")));
                    JsonObject result = new JsonObject();
                    result.addProperty("BizCode", name == null ? "3" : name.equals(query.get("UserName")) ? "1" : "2");
                    body.addProperty("Code", "200");
                    body.addProperty("Message", "success");
                    body.add("ResultObject", result);
                }
                case "DescribeFaceVerify" -> {
                    String[] capture = captures.get(String.valueOf(query.get("CertifyId")));
                    if (capture == null || query.get("SceneId") == null) {
                        body.addProperty("Code", "406");
                        body.addProperty("Message", "无效的CertifyId");
                        return json(200, body.toString());
                    }
                    JsonObject result = new JsonObject();
                    result.addProperty("Passed", capture[0]);
                    result.addProperty("SubCode", capture[1]);
                    body.addProperty("Code", "200");
                    body.addProperty("Message", "success");
                    body.add("ResultObject", result);
                }
                default -> {
                    return json(400, "{\"Code\":\"InvalidAction.NotFound\",\"Message\":\"no such action\"}");
                }
            }
            return json(200, body.toString());
        }

        private ResponseDefinition json(int status, String body) {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                    .withHeader("Content-Type", "application/json;charset=utf-8").withBody(body).build();
        }
    }

    /** Recomputes the request's ACS3-HMAC-SHA256 signature with the AccessKey secret, as Alibaba Cloud does. */
    private static final class Auth extends RequestMatcherExtension {

        @Override
        public String getName() {
            return AUTH;
        }

        @Override
        public MatchResult match(Request request, Parameters parameters) {
            String authorization = request.getHeader("Authorization");
            if (authorization == null || !authorization.startsWith("ACS3-HMAC-SHA256 Credential=" + ACCESS_KEY_ID + ",")) {
                return MatchResult.noMatch();
            }
            try {
                TeaRequest signed = new TeaRequest();
                signed.method = request.getMethod().getName();
                signed.pathname = request.getUrl().split("\\?")[0];
                signed.query = query(request);
                int at = authorization.indexOf("SignedHeaders=");
                List<String> signedHeaders = List.of(authorization.substring(at + "SignedHeaders=".length(),
                        authorization.indexOf(',', at)).split(";"));
                Map<String, String> headers = new HashMap<>();
                for (HttpHeader header : request.getHeaders().all()) {
                    if (signedHeaders.contains(header.key().toLowerCase())) {
                        headers.put(header.key().toLowerCase(), header.firstValue());
                    }
                }
                String payloadHash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(request.getBody()));
                if (!payloadHash.equals(request.getHeader("x-acs-content-sha256"))) {
                    return MatchResult.noMatch();
                }
                signed.headers = headers;
                String expected = com.aliyun.openapiutil.Client.getAuthorization(signed, "ACS3-HMAC-SHA256",
                        request.getHeader("x-acs-content-sha256"), ACCESS_KEY_ID, ACCESS_KEY_SECRET);
                return MatchResult.of(expected.equals(authorization));
            } catch (Exception e) {
                return MatchResult.noMatch();
            }
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
