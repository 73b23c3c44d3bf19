package com.bindflow.support.standins;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.RequestMatcherExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.wechat.pay.java.core.cipher.AeadAesCipher;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WeChat Pay API v3 on the wire, on a random port: a small stateful WeChat (contracts, orders, refunds, the wallet's
 * binding requests) behind WireMock, as the production adapter talks to it. Every request must carry our signature
 * ({@code WECHATPAY2-SHA256-RSA2048}, checked against the merchant's public key — unsigned or wrongly signed requests
 * get 401 {@code SIGN_ERROR}), and every answer is signed with the platform's private key over
 * {@code timestamp\nnonce\nbody\n} with the real time, so the SDK's verification runs for real. {@link #fail} makes
 * calls time out, answer 500, send a malformed body (an HTML page, cut-off JSON, JSON without the fields), sign wrongly
 * or reset the connection ({@link #answer}: any other answer): a 500 and a malformed body
 * (a gateway's error page) change nothing at WeChat; a timeout, a reset and a bad signature come after WeChat acted
 * (the answer is lost or forged), so a retry must find what the first attempt did. The customer's side
 * (signing on WeChat's page, ending the contract in the wallet, asking to bind there) produces WeChat's signed and
 * encrypted notifications ({@link Notification}) for the test to post to our endpoint.
 */
public final class WeChatPayStandIn implements AutoCloseable {

    public static final String MERCHANT_ID = "1900000109";
    public static final String MERCHANT_SERIAL = "5157F09EFDC096DE15EBE81A47057A72";
    public static final String PUBLIC_KEY_ID = "PUB_KEY_ID_0114232134912410000";
    public static final String APP_ID = "wxd678efh567hg6787";
    public static final long PLAN_ID = 12535;

    private static final String PAPAY = "wechat-papay";
    private static final String SIGNER = "wechat-signer";
    private static final String AUTH = "wechat-auth";
    private static final String FAULT = StandInFault.PARAMETER;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair merchant;
    private final KeyPair platform;
    private final KeyPair stranger;
    private final String apiV3Key = randomString(32);
    private final WireMockServer server;
    private final Map<String, Contract> contracts = new ConcurrentHashMap<>();
    private final Map<String, Order> orders = new ConcurrentHashMap<>();
    private final Map<String, JsonObject> refunds = new ConcurrentHashMap<>();
    private final Map<String, BindRequest> bindRequests = new ConcurrentHashMap<>();
    private final Map<String, JsonObject> wallets = new ConcurrentHashMap<>();
    private final Set<String> declinedUsers = ConcurrentHashMap.newKeySet();
    private final List<StubMapping> faults = new ArrayList<>();

    /** A contract at WeChat: PRESIGNED (a session, nothing signed yet), SIGNED, TERMINATED. */
    static final class Contract {
        final String code;
        final String userCode;
        volatile String state = "PRESIGNED";
        volatile String contractId;

        Contract(String code, String userCode) {
            this.code = code;
            this.userCode = userCode;
        }
    }

    static final class Order {
        final String outTradeNo;
        final long total;
        final String userCode;
        volatile String state = "ACCEPT";
        volatile String transactionId;

        Order(String outTradeNo, long total, String userCode) {
            this.outTradeNo = outTradeNo;
            this.total = total;
            this.userCode = userCode;
        }
    }

    static final class BindRequest {
        final String id;
        final String userCode;
        volatile String state = "PENDING";

        BindRequest(String id, String userCode) {
            this.id = id;
            this.userCode = userCode;
        }
    }

    /** A notification as WeChat Pay posts it: the body and the signature headers. */
    public record Notification(String body, String timestamp, String nonce, String signature, String serial) {

        public Map<String, String> headers() {
            return Map.of("Wechatpay-Timestamp", timestamp, "Wechatpay-Nonce", nonce, "Wechatpay-Signature", signature,
                    "Wechatpay-Serial", serial, "Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
        }
    }

    public WeChatPayStandIn() {
        try {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            merchant = rsa.generateKeyPair();
            platform = rsa.generateKeyPair();
            stranger = rsa.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        server = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(20)
                .extensions(new Papay(), new Signer(), new Auth()));
        server.start();
        server.stubFor(any(urlPathMatching("/v3/.*")).atPriority(5).andMatching(AUTH)
                .willReturn(aResponse().withTransformers(PAPAY, SIGNER)));
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":\"SIGN_ERROR\",\"message\":\"签名错误\"}")));
    }

    // ---- what the adapter is configured with --------------------------------------------------------------------

    public String baseUrl() {
        return "http://localhost:" + server.port();
    }

    public String merchantPrivateKeyPem() {
        return pem("PRIVATE KEY", merchant.getPrivate().getEncoded());
    }

    public String platformPublicKeyPem() {
        return pem("PUBLIC KEY", platform.getPublic().getEncoded());
    }

    public String apiV3Key() {
        return apiV3Key;
    }

    /** The prod profile's environment for WeChat Pay, pointing at this stand-in. */
    public Map<String, String> environment(String notifyBase) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("BINDFLOW_WECHAT_PLATFORM_PUBLIC_KEY", platformPublicKeyPem());
        env.put("BINDFLOW_WECHAT_PUBLIC_KEY_ID", PUBLIC_KEY_ID);
        env.put("BINDFLOW_WECHAT_API_V3_KEY", apiV3Key);
        env.put("BINDFLOW_WECHAT_API_BASE_URL", baseUrl());
        env.put("BINDFLOW_WECHAT_MERCHANT_ID", MERCHANT_ID);
        env.put("BINDFLOW_WECHAT_MERCHANT_SERIAL_NUMBER", MERCHANT_SERIAL);
        env.put("BINDFLOW_WECHAT_MERCHANT_PRIVATE_KEY", merchantPrivateKeyPem());
        env.put("BINDFLOW_WECHAT_APP_ID", APP_ID);
        env.put("BINDFLOW_WECHAT_PLAN_ID", Long.toString(PLAN_ID));
        env.put("BINDFLOW_WECHAT_CONTRACT_NOTIFY_URL", notifyBase + "/api/wechat/notifications");
        env.put("BINDFLOW_WECHAT_TRANSACTION_NOTIFY_URL", notifyBase + "/api/wechat/notifications");
        return env;
    }

    // ---- faults -------------------------------------------------------------------------------------------------

    /** Calls of {@code method} to paths matching {@code pathRegex} now fail with {@code fault}, until {@link #heal}. */
    public void fail(RequestMethod method, String pathRegex, StandInFault fault) {
        fail(method, pathRegex, fault, stub -> stub);
    }

    private void fail(RequestMethod method, String pathRegex, StandInFault fault,
                      java.util.function.UnaryOperator<MappingBuilder> shape) {
        MappingBuilder stub = shape.apply(WireMock.request(method.getName(), urlPathMatching(pathRegex)).atPriority(1)
                .andMatching(AUTH)).willReturn(aResponse().withTransformers(PAPAY, SIGNER)
                .withTransformerParameter(FAULT, fault.name()));
        synchronized (faults) {
            faults.add(server.stubFor(stub));
        }
    }

    /**
     * Calls of {@code method} to paths matching {@code pathRegex} now get this answer (application/json, signed with
     * the platform key), until {@link #heal}: a 4xx of a gateway or a rate limit, a 200 with odd values.
     */
    public void answer(RequestMethod method, String pathRegex, int status, String body) {
        StubMapping stub = server.stubFor(WireMock.request(method.getName(), urlPathMatching(pathRegex)).atPriority(1)
                .andMatching(AUTH).willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                        .withBody(body).withTransformers(SIGNER)));
        synchronized (faults) {
            faults.add(stub);
        }
    }

    /** The next call of {@code method} to paths matching {@code pathRegex} fails with {@code fault}; later ones do not. */
    public void failOnce(RequestMethod method, String pathRegex, StandInFault fault) {
        String scenario = "once-" + UUID.randomUUID();
        fail(method, pathRegex, fault, stub -> stub.inScenario(scenario)
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED).willSetStateTo("done"));
    }

    /** Ends every fault. */
    public void heal() {
        synchronized (faults) {
            faults.forEach(server::removeStub);
            faults.clear();
        }
    }

    /** How many requests of {@code method} to paths matching {@code pathRegex} arrived (faulted ones included). */
    public int requests(RequestMethod method, String pathRegex) {
        return server.findAll(RequestPatternBuilder.newRequestPattern(method, urlPathMatching(pathRegex))).size();
    }

    /** As {@link #requests(RequestMethod, String)}, only those whose body contains {@code bodyPart}. */
    public int requests(RequestMethod method, String pathRegex, String bodyPart) {
        return server.findAll(RequestPatternBuilder.newRequestPattern(method, urlPathMatching(pathRegex))
                .withRequestBody(WireMock.containing(bodyPart))).size();
    }

    public void resetRequests() {
        server.resetRequests();
    }

    // ---- the state, as the test sets it or reads it -------------------------------------------------------------

    /** The user's wallet facts (by default: WeChat Pay with 2 cards, the third-party switch on). */
    public void wallet(String userCode, boolean payEnabled, int bankCards, boolean thirdPartyAuthorization) {
        JsonObject facts = new JsonObject();
        facts.addProperty("pay_enabled", payEnabled);
        facts.addProperty("bank_card_count", bankCards);
        facts.addProperty("third_party_authorization", thirdPartyAuthorization);
        wallets.put(userCode, facts);
    }

    /** Deductions on this user's contracts fail (PAYERROR). */
    public void declinePaymentsOf(String userCode) {
        declinedUsers.add(userCode);
    }

    public String contractState(String contractCode) {
        Contract c = contracts.get(contractCode);
        return c == null ? null : c.state;
    }

    public String orderState(String outTradeNo) {
        Order o = orders.get(outTradeNo);
        return o == null ? null : o.state;
    }

    public String bindRequestState(String requestId) {
        BindRequest r = bindRequests.get(requestId);
        return r == null ? null : r.state;
    }

    public boolean refunded(String outRefundNo) {
        return refunds.containsKey(outRefundNo);
    }

    /** How many refunds WeChat made of the order {@code outTradeNo} (each refund number refunds once). */
    public long refundsOf(String outTradeNo) {
        return refunds.values().stream().filter(r -> outTradeNo.equals(r.get("out_trade_no").getAsString())).count();
    }

    // ---- the customer at WeChat ---------------------------------------------------------------------------------

    /** The customer signs on the page of the pre-sign: SIGNED; WeChat's ENTRUST.SIGN, stamped {@code at}. */
    public Notification customerSigns(String contractCode, Instant at) {
        Contract c = contracts.get(contractCode);
        if (c == null || !"PRESIGNED".equals(c.state)) {
            throw new IllegalStateException("no pre-sign session for " + contractCode);
        }
        c.state = "SIGNED";
        c.contractId = "Wx" + digits(26);
        return notification("ENTRUST.SIGN", "签约成功", contractResource(c), at);
    }

    /** The customer ends the contract in the wallet: TERMINATED; WeChat's ENTRUST.TERMINATE. */
    public Notification customerTerminates(String contractCode, Instant at) {
        Contract c = contracts.get(contractCode);
        if (c == null || !"SIGNED".equals(c.state)) {
            throw new IllegalStateException("no signed contract " + contractCode);
        }
        c.state = "TERMINATED";
        return notification("ENTRUST.TERMINATE", "用户解约", contractResource(c), at);
    }

    /** The customer asks in the wallet to bind Baitiao: a PENDING request; WeChat's ENTRUST.BIND_REQUESTED. */
    public Notification customerRequestsBinding(String userCode, Instant at) {
        BindRequest request = new BindRequest("WXBR" + digits(24), userCode);
        bindRequests.put(request.id, request);
        JsonObject resource = new JsonObject();
        resource.addProperty("request_id", request.id);
        resource.addProperty("out_user_code", userCode);
        resource.addProperty("request_time", at.toString());
        return notification("ENTRUST.BIND_REQUESTED", "用户发起绑定", resource, at);
    }

    public String lastBindRequestOf(String userCode) {
        return bindRequests.values().stream().filter(r -> r.userCode.equals(userCode)).map(r -> r.id)
                .reduce((a, b) -> b).orElse(null);
    }

    private JsonObject contractResource(Contract c) {
        JsonObject resource = new JsonObject();
        resource.addProperty("mchid", MERCHANT_ID);
        resource.addProperty("appid", APP_ID);
        resource.addProperty("plan_id", PLAN_ID);
        resource.addProperty("out_contract_code", c.code);
        resource.addProperty("contract_id", c.contractId);
        resource.addProperty("contract_state", c.state);
        resource.addProperty("out_user_code", c.userCode);
        resource.addProperty("contract_display_account", "京东白条");
        return resource;
    }

    /** A notification signed with the platform key (timestamp {@code at}, the receiver checks it on its clock). */
    public Notification notification(String eventType, String summary, JsonObject resource, Instant at) {
        String nonce = randomString(12);
        String ciphertext = new AeadAesCipher(apiV3Key.getBytes(StandardCharsets.UTF_8)).encrypt(
                "entrust".getBytes(StandardCharsets.UTF_8), nonce.getBytes(StandardCharsets.UTF_8),
                resource.toString().getBytes(StandardCharsets.UTF_8));
        JsonObject encrypted = new JsonObject();
        encrypted.addProperty("original_type", "entrust");
        encrypted.addProperty("algorithm", "AEAD_AES_256_GCM");
        encrypted.addProperty("ciphertext", ciphertext);
        encrypted.addProperty("associated_data", "entrust");
        encrypted.addProperty("nonce", nonce);
        JsonObject envelope = new JsonObject();
        envelope.addProperty("id", UUID.randomUUID().toString());
        envelope.addProperty("create_time", at.toString());
        envelope.addProperty("resource_type", "encrypt-resource");
        envelope.addProperty("event_type", eventType);
        envelope.addProperty("summary", summary);
        envelope.add("resource", encrypted);
        String body = envelope.toString();
        String timestamp = Long.toString(at.getEpochSecond());
        String signatureNonce = randomString(32);
        return new Notification(body, timestamp, signatureNonce,
                sign(platform.getPrivate(), timestamp + "\n" + signatureNonce + "\n" + body + "\n"), PUBLIC_KEY_ID);
    }

    // ---- the API ------------------------------------------------------------------------------------------------

    private static final Pattern CONTRACT = Pattern.compile("/v3/papay/sign/contracts/plan-id/(\\d+)/out-contract-code/([^/]+)(/terminate)?");
    private static final Pattern SCHEDULE = Pattern.compile("/v3/papay/pay/schedules/contract-id/([^/]+)/schedule");
    private static final Pattern ORDER = Pattern.compile("/v3/pay/transactions/out-trade-no/([^/?]+)");
    private static final Pattern WALLET = Pattern.compile("/v3/papay/partner-wallet/out-user-codes/([^/]+)/wallet");
    private static final Pattern BIND_REQUEST = Pattern.compile("/v3/papay/partner-wallet/bind-requests/([^/]+)(/grant|/refuse)?");

    /** The stateful WeChat: answers every signed request. */
    private final class Papay implements ResponseDefinitionTransformerV2 {

        @Override
        public String getName() {
            return PAPAY;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            StandInFault fault = StandInFault.of(event);
            if (fault == StandInFault.SERVER_ERROR) {
                return error(500, "SYSTEM_ERROR", "系统错误");
            }
            if (fault == StandInFault.MALFORMED) {
                return ResponseDefinitionBuilder.responseDefinition().withStatus(200).withHeader("Content-Type", "text/html")
                        .withBody("<html><body>502 Bad Gateway</body></html>").withTransformers(SIGNER).build();
            }
            if (fault == StandInFault.MALFORMED_JSON) {
                return ResponseDefinitionBuilder.responseDefinition().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"contract_state\":\"SIGNED\",\"contract_id\":").withTransformers(SIGNER).build();
            }
            if (fault == StandInFault.MISSING_FIELDS) {
                return ResponseDefinitionBuilder.responseDefinition().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"mchid\":\"" + MERCHANT_ID + "\"}").withTransformers(SIGNER).build();
            }
            ResponseDefinition answer = answer(event.getRequest());
            if (fault == StandInFault.TIMEOUT) {
                return ResponseDefinitionBuilder.like(answer).withFixedDelay(StandInFault.TIMEOUT_DELAY_MS).build();
            }
            if (fault == StandInFault.RESET) {
                return ResponseDefinitionBuilder.like(answer).withFault(Fault.CONNECTION_RESET_BY_PEER).build();
            }
            return answer;
        }

        private ResponseDefinition answer(Request request) {
            String path = request.getUrl().split("\\?")[0];
            boolean post = RequestMethod.POST.equals(request.getMethod());
            JsonObject body = post && !request.getBodyAsString().isEmpty()
                    ? JsonParser.parseString(request.getBodyAsString()).getAsJsonObject() : new JsonObject();
            synchronized (WeChatPayStandIn.this) {
                return answer(path, post, body);
            }
        }

        private ResponseDefinition answer(String path, boolean post, JsonObject body) {
            Matcher m;
            if (post && path.equals("/v3/papay/scheduled-deduct-sign/contracts/pre-entrust-sign/h5")) {
                for (String field : List.of("appid", "plan_id", "out_contract_code", "contract_display_account",
                        "contract_notify_url")) {
                    if (!body.has(field)) {
                        return error(400, "PARAM_ERROR", field + " is required");
                    }
                }
                String code = body.get("out_contract_code").getAsString();
                String userCode = body.has("out_user_code") ? body.get("out_user_code").getAsString() : null;
                Contract known = contracts.get(code);
                if (known != null && !"PRESIGNED".equals(known.state)) {
                    return error(400, "CONTRACT_EXISTS", "out_contract_code has been used");
                }
                contracts.putIfAbsent(code, new Contract(code, userCode));
                JsonObject answer = new JsonObject();
                answer.addProperty("redirect_url", "https://standin.wechat/papay/sign?out_contract_code=" + code);
                return ok(answer);
            }
            if ((m = CONTRACT.matcher(path)).matches()) {
                Contract c = contracts.get(m.group(2));
                boolean signedOnce = c != null && !"PRESIGNED".equals(c.state);
                if (m.group(3) == null && !post) {
                    return signedOnce ? ok(contractResource(c)) : error(404, "RESOURCE_NOT_EXISTS", "签约关系不存在");
                }
                if (m.group(3) != null && post) {
                    if (!signedOnce) {
                        return error(404, "RESOURCE_NOT_EXISTS", "签约关系不存在");
                    }
                    if (!"SIGNED".equals(c.state)) {
                        return error(400, "CONTRACT_TERMINATED", "签约关系已解除");
                    }
                    c.state = "TERMINATED";
                    return ok(contractResource(c));
                }
            }
            if (post && (m = SCHEDULE.matcher(path)).matches()) {
                Contract c = byContractId(m.group(1));
                if (c == null || !"SIGNED".equals(c.state)) {
                    return error(400, "CONTRACT_NOT_EXIST", "签约关系不存在或已解约");
                }
                JsonObject answer = new JsonObject();
                answer.addProperty("schedule_state", "SCHEDULED");
                answer.add("scheduled_amount", body.get("schedule_amount"));
                return ok(answer);
            }
            if (post && path.equals("/v3/papay/pay/transactions/apply")) {
                Contract c = body.has("contract_id") ? byContractId(body.get("contract_id").getAsString()) : null;
                if (c == null || !"SIGNED".equals(c.state)) {
                    return error(400, "CONTRACT_NOT_EXIST", "签约关系不存在或已解约");
                }
                String no = body.get("out_trade_no").getAsString();
                long total = body.getAsJsonObject("amount").get("total").getAsLong();
                orders.putIfAbsent(no, new Order(no, total, c.userCode));
                JsonObject answer = new JsonObject();
                answer.addProperty("out_trade_no", no);
                answer.add("amount", body.get("amount"));
                return ok(answer);
            }
            if (!post && (m = ORDER.matcher(path)).matches()) {
                Order o = orders.get(m.group(1));
                if (o == null) {
                    return error(404, "ORDER_NOT_EXIST", "订单不存在");
                }
                if ("ACCEPT".equals(o.state)) {
                    // the deduction settles by the time it is asked about
                    if (declinedUsers.contains(o.userCode)) {
                        o.state = "PAYERROR";
                    } else {
                        o.state = "SUCCESS";
                        o.transactionId = "4200" + digits(24);
                    }
                }
                JsonObject answer = new JsonObject();
                answer.addProperty("mchid", MERCHANT_ID);
                answer.addProperty("out_trade_no", o.outTradeNo);
                answer.addProperty("trade_state", o.state);
                answer.addProperty("trade_type", "PAP");
                if (o.transactionId != null) {
                    answer.addProperty("transaction_id", o.transactionId);
                }
                JsonObject amount = new JsonObject();
                amount.addProperty("total", o.total);
                amount.addProperty("currency", "CNY");
                answer.add("amount", amount);
                return ok(answer);
            }
            if (post && path.equals("/v3/refund/domestic/refunds")) {
                String refundNo = body.get("out_refund_no").getAsString();
                JsonObject known = refunds.get(refundNo);
                if (known != null) {
                    return ok(known);
                }
                Order o = orders.get(body.get("out_trade_no").getAsString());
                if (o == null || !"SUCCESS".equals(o.state)) {
                    return error(400, "INVALID_REQUEST", "订单状态不支持退款");
                }
                o.state = "REFUND";
                JsonObject refund = new JsonObject();
                refund.addProperty("refund_id", "5030" + digits(24));
                refund.addProperty("out_refund_no", refundNo);
                refund.addProperty("out_trade_no", o.outTradeNo);
                refund.addProperty("status", "SUCCESS");
                refund.add("amount", body.get("amount"));
                refunds.put(refundNo, refund);
                return ok(refund);
            }
            if (!post && (m = WALLET.matcher(path)).matches()) {
                JsonObject facts = wallets.get(m.group(1));
                if (facts == null) {
                    facts = new JsonObject();
                    facts.addProperty("pay_enabled", true);
                    facts.addProperty("bank_card_count", 2);
                    facts.addProperty("third_party_authorization", true);
                }
                return ok(facts);
            }
            if ((m = BIND_REQUEST.matcher(path)).matches()) {
                BindRequest r = bindRequests.get(m.group(1));
                if (r == null) {
                    return error(404, "RESOURCE_NOT_EXISTS", "绑定请求不存在");
                }
                if (!post && m.group(2) == null) {
                    return ok(bindRequestResource(r));
                }
                if (post && "/grant".equals(m.group(2))) {
                    if (!"PENDING".equals(r.state)) {
                        return error(400, "REQUEST_NOT_PENDING", "绑定请求已处理");
                    }
                    String code = body.get("out_contract_code").getAsString();
                    Contract c = new Contract(code, r.userCode);
                    c.state = "SIGNED";
                    c.contractId = "Wx" + digits(26);
                    contracts.put(code, c);
                    r.state = "GRANTED";
                    return ok(contractResource(c));
                }
                if (post && "/refuse".equals(m.group(2))) {
                    if (!"PENDING".equals(r.state)) {
                        return error(400, "REQUEST_NOT_PENDING", "绑定请求已处理");
                    }
                    r.state = "REFUSED";
                    return ok(bindRequestResource(r));
                }
            }
            return error(404, "NOT_FOUND", "no such API at the stand-in: " + path);
        }

        private Contract byContractId(String contractId) {
            return contracts.values().stream().filter(c -> contractId.equals(c.contractId)).findFirst().orElse(null);
        }

        private JsonObject bindRequestResource(BindRequest r) {
            JsonObject resource = new JsonObject();
            resource.addProperty("request_id", r.id);
            resource.addProperty("out_user_code", r.userCode);
            resource.addProperty("state", r.state);
            return resource;
        }

        private ResponseDefinition ok(JsonObject body) {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody(body.toString()).withTransformers(SIGNER).build();
        }

        private ResponseDefinition error(int status, String code, String message) {
            JsonObject body = new JsonObject();
            body.addProperty("code", code);
            body.addProperty("message", message);
            return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                    .withHeader("Content-Type", "application/json").withBody(body.toString()).withTransformers(SIGNER).build();
        }
    }

    /** Signs every answer with the platform key over {@code timestamp\nnonce\nbody\n}, real time. */
    private final class Signer implements ResponseTransformerV2 {

        @Override
        public String getName() {
            return SIGNER;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public Response transform(Response response, ServeEvent event) {
            if (response.getFault() != null) {
                return response;
            }
            String timestamp = Long.toString(System.currentTimeMillis() / 1000);
            String nonce = randomString(32);
            String body = response.getBodyAsString() == null ? "" : response.getBodyAsString();
            Parameters parameters = event.getTransformerParameters();
            boolean bad = parameters != null && StandInFault.BAD_SIGNATURE.name().equals(parameters.getString(FAULT, null));
            String signature = sign(bad ? stranger.getPrivate() : platform.getPrivate(),
                    timestamp + "\n" + nonce + "\n" + body + "\n");
            return Response.Builder.like(response).but().headers(response.getHeaders().plus(
                    new HttpHeader("Wechatpay-Timestamp", timestamp), new HttpHeader("Wechatpay-Nonce", nonce),
                    new HttpHeader("Wechatpay-Serial", PUBLIC_KEY_ID), new HttpHeader("Wechatpay-Signature", signature),
                    new HttpHeader("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048"))).build();
        }
    }

    /** Our request's signature: the merchant's, over {@code METHOD\nurl\ntimestamp\nnonce\nbody\n}. */
    private final class Auth extends RequestMatcherExtension {

        @Override
        public String getName() {
            return AUTH;
        }

        @Override
        public MatchResult match(Request request, Parameters parameters) {
            String authorization = request.getHeader("Authorization");
            String scheme = "WECHATPAY2-SHA256-RSA2048 ";
            if (authorization == null || !authorization.startsWith(scheme)) {
                return MatchResult.noMatch();
            }
            Map<String, String> fields = new HashMap<>();
            for (String part : authorization.substring(scheme.length()).split(",")) {
                int eq = part.indexOf('=');
                if (eq < 0) {
                    return MatchResult.noMatch();
                }
                fields.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim().replaceAll("^\"|\"$", ""));
            }
            if (!MERCHANT_ID.equals(fields.get("mchid")) || !MERCHANT_SERIAL.equals(fields.get("serial_no"))) {
                return MatchResult.noMatch();
            }
            long age = Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(fields.getOrDefault("timestamp", "0")));
            String message = request.getMethod().getName() + "\n" + request.getUrl() + "\n" + fields.get("timestamp") + "\n"
                    + fields.get("nonce_str") + "\n" + request.getBodyAsString() + "\n";
            return MatchResult.of(age < 300 && verify(merchant.getPublic(), message, fields.get("signature")));
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static String sign(PrivateKey key, String message) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(message.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean verify(PublicKey key, String message, String signature) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initVerify(key);
            s.update(message.getBytes(StandardCharsets.UTF_8));
            return signature != null && s.verify(Base64.getDecoder().decode(signature));
        } catch (Exception e) {
            return false;
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    static String randomString(int n) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private static String digits(int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append((char) ('0' + RANDOM.nextInt(10)));
        }
        return s.toString();
    }

    @Override
    public void close() {
        server.stop();
    }
}
