package com.bindflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.bindflow.shared.DueJobs;
import com.bindflow.shared.OutsideCalls;
import com.bindflow.support.JdAppApi;
import com.bindflow.support.ProdApplication;
import com.bindflow.support.standins.AliyunStandIn;
import com.bindflow.support.standins.JdFinanceStandIn;
import com.bindflow.support.standins.StandInFault;
import com.bindflow.support.standins.WeChatPayStandIn;
import com.bindflow.wechat.notification.WeChatNotificationInbox;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code prod} profile end to end, on the run's database (PostgreSQL in the {@code -Ppostgres} run), against the
 * stand-ins of every outside system on the wire: a JD-app binding and a WeChat-wallet binding to {@code ACTIVE}, a
 * payment authorization, an unbind; and each fault of an outside system ending as a retried job and then an incident
 * (never a verdict, nothing half-written, the retry after the fault completes it) or, on a synchronous path, a 503
 * with nothing written. One application context for all of it ({@link ProdApplication}); each test its own customers.
 */
class ProdProfileIT {

    private static final String[] TABLES = {"binding_status_history", "binding_open", "idempotency_key", "otp_challenge",
            "binding", "wechat_notification", "wechat_nonce", "payment_authorization", "payment_ledger", "payment_failure",
            "unfreeze_trip", "unfreeze_request", "unfreeze_case", "credit_line_freeze", "overdue_accrual",
            "overdue_repayment", "overdue_case", "sms_send"};
    private static final AtomicInteger PEOPLE = new AtomicInteger();

    private static WeChatPayStandIn wechat;
    private static AliyunStandIn aliyun;
    private static JdFinanceStandIn jd;
    private static ConfigurableApplicationContext app;
    private static JdAppApi api;
    private static TestRestTemplate anonymous;
    private static DueJobs jobs;
    private static WeChatNotificationInbox inbox;
    private static ManagementService management;
    private static RuntimeService runtime;
    private static Instant now;
    /** The job incidents there were before this test (a failed test may leave its own). */
    private static java.util.Set<String> earlierIncidents = java.util.Set.of();

    /** A customer of this test: JD Finance's account, the registry's record. */
    private record Customer(String userId, String name, String idNumber, String phone) {
    }

    @BeforeAll
    static void startProd() {
        wechat = new WeChatPayStandIn();
        aliyun = new AliyunStandIn();
        jd = new JdFinanceStandIn();
        app = ProdApplication.start(ProdApplication.environment(ProdApplication.database(), wechat, aliyun, jd));
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        anonymous = new TestRestTemplate(new RestTemplateBuilder().rootUri("http://localhost:" + port));
        api = new JdAppApi(anonymous, app.getBean(ObjectMapper.class), "jd-app", ProdApplication.JD_APP_CURRENT);
        jobs = app.getBean(DueJobs.class);
        inbox = app.getBean(WeChatNotificationInbox.class);
        management = app.getBean(ManagementService.class);
        runtime = app.getBean(RuntimeService.class);
        cleanSlate();
    }

    /** As every process test does: no process instances, empty bindflow tables (the run's database is shared). */
    private static void cleanSlate() {
        List<String> running = runtime.createProcessInstanceQuery().rootProcessInstances().list().stream()
                .map(ProcessInstance::getId).toList();
        if (!running.isEmpty()) {
            runtime.deleteProcessInstances(running, "prod IT clean-up", true, true);
        }
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        for (String table : TABLES) {
            jdbc.update("delete from " + table);
        }
    }

    @AfterAll
    static void stop() {
        ClockUtil.reset();
        if (app != null) {
            app.close();
        }
        wechat.close();
        aliyun.close();
        jd.close();
    }

    @BeforeEach
    void healed() {
        wechat.heal();
        aliyun.heal();
        jd.heal();
        closeCircuits();
        // the engine clock: real time at first, then only forward (earlier tests moved it)
        Instant real = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        now = now == null || real.isAfter(now) ? real : now.plusSeconds(60);
        ClockUtil.setCurrentTime(Date.from(now));
        earlierIncidents = java.util.Set.copyOf(newIncidents().stream().map(Incident::getId).toList());
    }

    // ---- the happy paths ------------------------------------------------------------------------------------------

    @Test
    void aJdAppBindingAndAWalletBindingReachActiveAPaymentIsAuthorizedAndTheCustomerUnbinds() {
        Customer jdApp = customer();
        String id = createBinding(jdApp, "JD_APP");
        agreeAndEnterTheSmsCode(id, jdApp);
        assertThat(status(id)).isEqualTo("AWAITING_WECHAT_AUTHORIZATION");
        JsonNode requested = api.get("/api/bindings/" + id).getBody();
        assertThat(requested.path("wechat").path("authorizationUrl").asText()).contains(code(id));

        // the customer signs on WeChat's page; WeChat's signed, encrypted ENTRUST.SIGN reaches our endpoint
        notify(wechat.customerSigns(code(id), now));
        assertThat(status(id)).isEqualTo("AWAITING_PREFERENCES");
        preferencesFaceAndTestPayment(id, jdApp);
        assertThat(status(id)).isEqualTo("ACTIVE");
        assertThat(wechat.orderState(trade(id))).as("the test payment, refunded").isEqualTo("REFUND");

        ResponseEntity<JsonNode> payment = api.post("/api/payments/authorizations", "pay-" + id, "{\"userId\":\""
                + jdApp.userId() + "\",\"scenario\":\"ONLINE\",\"amount\":120.00,\"payee\":{\"type\":\"MERCHANT\","
                + "\"id\":\"jd-mall\"},\"city\":\"Shanghai\",\"occurredAt\":\"" + now + "\"}");
        assertThat(payment.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(payment.getBody().path("decision").asText()).isEqualTo("APPROVED");

        assertThat(api.call(HttpMethod.DELETE, "/api/bindings/" + id, null, null).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        jobs.runAll();
        assertThat(status(id)).isEqualTo("UNBOUND");
        assertThat(wechat.contractState(code(id))).isEqualTo("TERMINATED");

        // the wallet entry: WeChat's ENTRUST.BIND_REQUESTED starts the binding, our grant makes the contract
        Customer wallet = customer();
        notify(wechat.customerRequestsBinding(wallet.userId(), now));
        jobs.runAll();
        String walletId = bindingsOf(wallet).get(0).path("id").asText();
        assertThat(bindingsOf(wallet).get(0).path("channel").asText()).isEqualTo("WECHAT");
        agreeAndEnterTheSmsCode(walletId, wallet);
        assertThat(status(walletId)).isEqualTo("AWAITING_PREFERENCES");
        assertThat(wechat.bindRequestState(wechat.lastBindRequestOf(wallet.userId()))).isEqualTo("GRANTED");
        preferencesFaceAndTestPayment(walletId, wallet);
        JsonNode active = api.get("/api/bindings/" + walletId).getBody();
        assertThat(active.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(active.path("wechat").path("paymentPriority").asInt()).as("right after 零钱").isEqualTo(2);

        // every outside system was called, and counted
        MeterRegistry meters = app.getBean(MeterRegistry.class);
        for (String system : List.of("wechat-pay", "sms", "identity", "face", "jd-finance")) {
            assertThat(meters.find(OutsideCalls.METRIC).tag("system", system).tag("outcome", "success").timers())
                    .as(system).isNotEmpty().allSatisfy(t -> assertThat(((Timer) t).count()).isPositive());
        }
    }

    // ---- faults: a synchronous path answers 503 and writes nothing -------------------------------------------------

    @Test
    void jdFinanceDownWhenABindingStartsIsA503AndTheKeyStaysFree() {
        Customer c = customer();
        jd.fail("/v1/customers/" + c.userId() + ".*", StandInFault.SERVER_ERROR);
        String key = "start-" + c.userId();
        String body = "{\"userId\":\"" + c.userId() + "\",\"channel\":\"JD_APP\"}";
        ResponseEntity<JsonNode> down = api.post("/api/bindings", key, body);
        assertThat(down.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(down.getBody().path("code").asText()).isEqualTo("OUTSIDE_SYSTEM_UNAVAILABLE");
        assertThat(app.getBean(JdbcTemplate.class).queryForObject("select count(*) from binding where user_id = ?",
                Integer.class, c.userId())).as("nothing written").isZero();

        jd.heal();
        ResponseEntity<JsonNode> up = api.post("/api/bindings", key, body);
        assertThat(up.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(up.getHeaders().getFirst("Idempotent-Replayed")).isNotEqualTo("true");
    }

    @Test
    void faceRecognitionDownIsA503AndCostsNoAttempt() {
        Customer c = customer();
        String id = createBinding(c, "JD_APP");
        agreeAndEnterTheSmsCode(id, c);
        notify(wechat.customerSigns(code(id), now));
        assertThat(api.post("/api/bindings/" + id + "/preferences", "{}").getStatusCode()).isEqualTo(HttpStatus.OK);
        aliyun.capture("cid-" + id, true, "200");
        aliyun.fail("DescribeFaceVerify", StandInFault.SERVER_ERROR);
        ResponseEntity<JsonNode> down = api.post("/api/bindings/" + id + "/face", "{\"providerToken\":\"cid-" + id + "\"}");
        assertThat(down.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        JsonNode after = api.get("/api/bindings/" + id).getBody();
        assertThat(after.path("status").asText()).isEqualTo("AWAITING_FACE_VERIFICATION");
        assertThat(after.path("wechat").has("faceAttempts")).as("no attempt counted").isFalse();

        aliyun.heal();
        assertThat(api.post("/api/bindings/" + id + "/face", "{\"providerToken\":\"cid-" + id + "\"}").getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(status(id)).isEqualTo("VERIFYING_PAYMENT");
    }

    // ---- faults: a job is retried, then an incident; its retry completes it ---------------------------------------

    @Test
    void theIdentityCheckTimingOutIsAnIncidentNeverAVerdict() {
        Customer c = customer();
        aliyun.fail("Id2MetaVerify", StandInFault.TIMEOUT);
        String id = createBinding(c, "JD_APP", false);
        Incident incident = untilIncident();
        assertThat(incident.getIncidentMessage()).contains("identity check unavailable", "no answer in time");
        assertThat(status(id)).isEqualTo("CHECKING_ELIGIBILITY");
        assertThat(aliyun.requests("Id2MetaVerify", c.idNumber())).as("3 job runs, never sent again after a timeout")
                .isEqualTo(3);

        aliyun.heal();
        retry(incident);
        assertThat(status(id)).isEqualTo("AWAITING_AGREEMENT");
    }

    @Test
    void anSmsThatFailedIsNeverSentTwiceAndGoesOutOnTheOperatorsRetry() {
        Customer c = customer();
        String id = createBinding(c, "JD_APP");
        assertThat(api.post("/api/bindings/" + id + "/agreement", "{\"version\":\"2026.1\",\"accepted\":true}")
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        aliyun.fail("SendSms", StandInFault.SERVER_ERROR);
        assertThat(api.post("/api/bindings/" + id + "/otp/send", "").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        Incident incident = untilIncident();
        assertThat(incident.getIncidentMessage()).contains("SMS gateway unavailable");
        assertThat(aliyun.requests("SendSms", c.phone())).as("a send whose fate is unknown is not sent again by the job")
                .isEqualTo(1);
        assertThat(aliyun.sentTo(c.phone())).isEmpty();
        assertThat(status(id)).isEqualTo("AWAITING_OTP");

        aliyun.heal();
        advance(Duration.ofMinutes(2));
        retry(incident);
        assertThat(aliyun.sentTo(c.phone())).hasSize(1);
        String code = smsCode(c);
        assertThat(api.post("/api/bindings/" + id + "/otp", "{\"code\":\"" + code + "\"}").getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void anSmsWhoseAnswerWasLostIsFoundInAlibabaCloudsRecordsNotSentAgain() {
        Customer c = customer();
        String id = createBinding(c, "JD_APP");
        api.post("/api/bindings/" + id + "/agreement", "{\"version\":\"2026.1\",\"accepted\":true}");
        aliyun.fail("SendSms", StandInFault.TIMEOUT);
        api.post("/api/bindings/" + id + "/otp/send", "");
        jobs.runAll();
        aliyun.heal();
        advance(Duration.ofSeconds(11));
        assertThat(newIncidents()).isEmpty();
        assertThat(aliyun.sentTo(c.phone())).as("it went out once, and only once").hasSize(1);
        assertThat(aliyun.requests("SendSms", c.phone())).isEqualTo(1);
        assertThat(api.post("/api/bindings/" + id + "/otp", "{\"code\":\"" + smsCode(c) + "\"}").getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void aTestPaymentWhoseAnswerWasLostIsChargedOnce() {
        Customer c = customer();
        String id = createBinding(c, "JD_APP");
        agreeAndEnterTheSmsCode(id, c);
        notify(wechat.customerSigns(code(id), now));
        api.post("/api/bindings/" + id + "/preferences", "{}");
        aliyun.capture("cid-" + id, true, "200");
        wechat.fail(RequestMethod.POST, "/v3/papay/pay/transactions/apply", StandInFault.TIMEOUT);
        api.post("/api/bindings/" + id + "/face", "{\"providerToken\":\"cid-" + id + "\"}");
        jobs.runAll();
        assertThat(status(id)).isEqualTo("VERIFYING_PAYMENT");
        assertThat(wechat.orderState(trade(id))).as("WeChat charged; its answer was lost").isNotNull();

        wechat.heal();
        advance(Duration.ofSeconds(11));
        assertThat(status(id)).isEqualTo("ACTIVE");
        assertThat(wechat.requests(RequestMethod.POST, "/v3/papay/pay/transactions/apply", trade(id))).as("applied once")
                .isEqualTo(1);
        assertThat(wechat.orderState(trade(id))).isEqualTo("REFUND");
    }

    @Test
    void weChatFailingToTerminateKeepsTheBindingUnbindingUntilTheRetry() {
        Customer c = customer();
        String id = createBinding(c, "JD_APP");
        agreeAndEnterTheSmsCode(id, c);
        notify(wechat.customerSigns(code(id), now));
        preferencesFaceAndTestPayment(id, c);
        assertThat(status(id)).isEqualTo("ACTIVE");

        wechat.fail(RequestMethod.POST, "/v3/papay/sign/contracts/.*/terminate", StandInFault.SERVER_ERROR);
        api.call(HttpMethod.DELETE, "/api/bindings/" + id, null, null);
        Incident incident = untilIncident();
        assertThat(incident.getIncidentMessage()).contains("WeChat Pay unavailable", "500");
        assertThat(status(id)).isEqualTo("UNBINDING");
        assertThat(wechat.contractState(code(id))).isEqualTo("SIGNED");

        wechat.heal();
        retry(incident);
        assertThat(status(id)).isEqualTo("UNBOUND");
        assertThat(wechat.contractState(code(id))).isEqualTo("TERMINATED");
    }

    @Test
    void weChatTerminatingWithAnAnswerThatDoesNotVerifyIsSettledByItsOwnRetry() {
        Customer c = customer();
        String id = createBinding(c, "JD_APP");
        agreeAndEnterTheSmsCode(id, c);
        notify(wechat.customerSigns(code(id), now));
        preferencesFaceAndTestPayment(id, c);

        // WeChat terminates but its answer's signature does not verify: not trusted, sent again; WeChat then says
        // terminated already (a 4xx, not signature-checked), and the query confirms it
        wechat.fail(RequestMethod.POST, "/v3/papay/sign/contracts/.*/terminate", StandInFault.BAD_SIGNATURE);
        api.call(HttpMethod.DELETE, "/api/bindings/" + id, null, null);
        jobs.runAll();
        assertThat(status(id)).isEqualTo("UNBOUND");
        assertThat(wechat.requests(RequestMethod.POST, ".*/out-contract-code/" + code(id) + "/terminate"))
                .as("the forged-looking answer, then the 4xx").isEqualTo(2);
        assertThat(newIncidents()).isEmpty();
    }

    @Test
    void weChatsMalformedResetAndForgedAnswersToTheAuthorizationRequestAreRetriedThenAnIncident() {
        Customer c = customer();
        String id = createBinding(c, "JD_APP");
        wechat.fail(RequestMethod.POST, "/v3/papay/scheduled-deduct-sign/.*", StandInFault.MALFORMED);
        agreeAndEnterTheSmsCode(id, c);
        Incident incident = untilIncident();
        assertThat(incident.getIncidentMessage()).contains("malformed");
        assertThat(status(id)).isEqualTo("AWAITING_WECHAT_AUTHORIZATION");
        assertThat(api.get("/api/bindings/" + id).getBody().path("wechat").has("authorizationUrl")).isFalse();

        for (StandInFault fault : List.of(StandInFault.RESET, StandInFault.BAD_SIGNATURE)) {
            wechat.heal();
            closeCircuits();
            wechat.fail(RequestMethod.POST, "/v3/papay/scheduled-deduct-sign/.*", fault);
            String job = incident.getConfiguration();
            management.setJobRetries(job, 1);
            management.setJobDuedate(job, Date.from(now));
            incident = untilIncident();
            assertThat(incident.getIncidentMessage()).as(fault.name())
                    .contains(fault == StandInFault.RESET ? "on the connection" : "signature does not verify");
        }

        wechat.heal();
        closeCircuits();
        retry(incident);
        assertThat(api.get("/api/bindings/" + id).getBody().path("wechat").path("authorizationUrl").asText()).contains(code(id));
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static Customer customer() {
        int n = PEOPLE.incrementAndGet();
        String userId = "prod-" + UUID.randomUUID().toString().substring(0, 8);
        Customer c = new Customer(userId, "王" + "杰晓明丽华"
                .charAt(n % 5), "35010219900307" + String.format("%04d", n), "1380013" + String.format("%04d", n));
        jd.customer(c.userId(), c.name(), c.idNumber(), c.phone(), 2_000_000, 1_500_000);
        aliyun.person(c.idNumber(), c.name());
        return c;
    }

    private static String createBinding(Customer c, String channel) {
        return createBinding(c, channel, true);
    }

    private static String createBinding(Customer c, String channel, boolean toAgreement) {
        ResponseEntity<JsonNode> created = api.post("/api/bindings", "start-" + c.userId(),
                "{\"userId\":\"" + c.userId() + "\",\"channel\":\"" + channel + "\"}");
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String id = created.getBody().path("id").asText();
        jobs.runAll();
        if (toAgreement) {
            assertThat(status(id)).isEqualTo("AWAITING_AGREEMENT");
        }
        return id;
    }

    private static void agreeAndEnterTheSmsCode(String id, Customer c) {
        assertThat(api.post("/api/bindings/" + id + "/agreement", "{\"version\":\"2026.1\",\"accepted\":true}")
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(api.post("/api/bindings/" + id + "/otp/send", "").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        jobs.runAll();
        assertThat(api.post("/api/bindings/" + id + "/otp", "{\"code\":\"" + smsCode(c) + "\"}").getStatusCode())
                .isEqualTo(HttpStatus.OK);
        jobs.runAll();
    }

    private static void preferencesFaceAndTestPayment(String id, Customer c) {
        assertThat(api.post("/api/bindings/" + id + "/preferences", "{}").getStatusCode()).isEqualTo(HttpStatus.OK);
        aliyun.capture("cid-" + id, true, "200");
        assertThat(api.post("/api/bindings/" + id + "/face", "{\"providerToken\":\"cid-" + id + "\"}").getStatusCode())
                .isEqualTo(HttpStatus.OK);
        jobs.runAll();
    }

    /** The code in the last SMS the customer's phone received (the template's variable). */
    private static String smsCode(Customer c) {
        List<AliyunStandIn.Sms> sent = aliyun.sentTo(c.phone());
        assertThat(sent).isNotEmpty();
        return sent.get(sent.size() - 1).templateParam().replaceAll("\\D", "");
    }

    private static void notify(WeChatPayStandIn.Notification notification) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        notification.headers().forEach(headers::set);
        ResponseEntity<String> answer = anonymous.exchange("/api/wechat/notifications", HttpMethod.POST,
                new HttpEntity<>(notification.body(), headers), String.class);
        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
        inbox.processPending();
        jobs.runAll();
    }

    private static String status(String id) {
        return api.get("/api/bindings/" + id).getBody().path("status").asText();
    }

    private static List<JsonNode> bindingsOf(Customer c) {
        JsonNode list = api.get("/api/bindings?userId=" + c.userId()).getBody();
        return list.isArray() ? java.util.stream.StreamSupport.stream(list.spliterator(), false).toList() : List.of();
    }

    private static String code(String bindingId) {
        return bindingId.replace("-", "");
    }

    private static String trade(String bindingId) {
        return "T" + code(bindingId).substring(0, 31);
    }

    private static void advance(Duration by) {
        now = now.plus(by);
        ClockUtil.setCurrentTime(Date.from(now));
        jobs.runAll();
        inbox.processPending();
    }

    /** Closes every circuit breaker: each fault starts from closed circuits (a fault's failures open one, as they should). */
    private static void closeCircuits() {
        app.getBean(io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry.class).getAllCircuitBreakers()
                .forEach(io.github.resilience4j.circuitbreaker.CircuitBreaker::reset);
    }

    /** The incidents of failed jobs (not their call activities' copies) this test made. */
    private static List<Incident> newIncidents() {
        return runtime.createIncidentQuery().incidentType("failedJob").list().stream()
                .filter(i -> i.getConfiguration() != null && !earlierIncidents.contains(i.getId())).toList();
    }

    /** Runs the failing job through its retries (R3/PT10S, the clock moved between them): the incident it becomes. */
    private static Incident untilIncident() {
        jobs.runAll();
        for (int i = 0; i < 4 && newIncidents().isEmpty(); i++) {
            advance(Duration.ofSeconds(11));
        }
        List<Incident> incidents = newIncidents();
        assertThat(incidents).hasSize(1);
        return incidents.get(0);
    }

    /** An operator's "Retry" in Cockpit: the job gets a retry, due now, and runs. */
    private static void retry(Incident incident) {
        management.setJobRetries(incident.getConfiguration(), 1);
        management.setJobDuedate(incident.getConfiguration(), Date.from(now));
        jobs.runAll();
        inbox.processPending();
        jobs.runAll();
        assertThat(runtime.createIncidentQuery().incidentId(incident.getId()).count()).isZero();
    }
}
