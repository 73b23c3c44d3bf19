package com.bindflow.support;

import com.bindflow.binding.Binding;
import com.bindflow.binding.BindingProcess;
import com.bindflow.binding.BindingProperties;
import com.bindflow.binding.BindingRepository;
import com.bindflow.binding.BindingService;
import com.bindflow.binding.BindingStatus;
import com.bindflow.binding.face.FaceVerificationService;
import com.bindflow.binding.otp.OtpService;
import com.bindflow.binding.otp.OtpVerificationProcess;
import com.bindflow.channel.Channel;
import com.bindflow.eligibility.EligibilityProcess;
import com.bindflow.sandbox.clock.TestClock;
import com.bindflow.sandbox.verification.SandboxSmsGateway;
import com.bindflow.sandbox.wechat.SandboxWeChatNotifier;
import com.bindflow.sandbox.wechat.SandboxWeChatPay;
import com.bindflow.shared.DueJobs;
import com.bindflow.wechat.notification.WeChatNotificationInbox;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Base of the Spring process tests: a clean slate before each test (no process instances, empty bindflow
 * tables), the engine clock fixed at a known working-day instant, and helpers to run due jobs and move time.
 */
@BindflowSpringTest
public abstract class ProcessTestSupport {

    /** Wednesday 2026-03-11 10:00 in Beijing: an ordinary working day. */
    protected static final Instant T0 = OffsetDateTime.parse("2026-03-11T10:00:00+08:00").toInstant();

    @Autowired
    protected ProcessEngine engine;
    @Autowired
    protected BindingService bindingService;
    @Autowired
    protected BindingRepository bindingRepository;
    @Autowired
    protected DueJobs dueJobs;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected OtpService otp;
    @Autowired
    protected SandboxSmsGateway sms;
    @Autowired
    protected SandboxWeChatPay sandboxWeChat;
    @Autowired
    protected FaceVerificationService faces;
    @Autowired
    protected BindingProperties bindingProperties;

    @Autowired
    protected PlatformTransactionManager transactionManager;
    @Autowired
    protected TestClock testClock;
    @Autowired
    protected SandboxWeChatNotifier wechatNotifier;
    @Autowired
    protected WeChatNotificationInbox wechatInbox;

    @BeforeEach
    void cleanSlate() {
        BpmnAwareTests.init(engine);
        // a notification of the previous test still on its way would land in the cleaned tables
        wechatNotifier.awaitDeliveries(Duration.ofSeconds(30));
        wechatNotifier.resetSettings();
        var running = engine.getRuntimeService().createProcessInstanceQuery().rootProcessInstances().list();
        if (!running.isEmpty()) {
            engine.getRuntimeService().deleteProcessInstances(running.stream().map(ProcessInstance::getId).toList(),
                    "test clean-up", true, true);
        }
        for (String table : new String[] {"binding_status_history", "binding_open", "idempotency_key", "otp_challenge",
                "binding", "sandbox_sms", "sandbox_clock", "wechat_notification", "wechat_nonce", "sandbox_wechat_payment",
                "sandbox_wechat_contract", "sandbox_wechat_bind_request", "sandbox_wechat_delivery", "payment_authorization", "payment_ledger", "payment_failure",
                "unfreeze_trip", "unfreeze_request", "unfreeze_case", "credit_line_freeze", "overdue_accrual",
                "overdue_repayment", "overdue_case"}) {
            jdbc.update("delete from " + table);
        }
        setClock(T0);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    protected void setClock(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
    }

    protected Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    /** Moves the engine clock forward (it stays fixed there) and runs what fell due. */
    protected void advance(Duration by) {
        setClock(now().plus(by));
        runJobs();
    }

    /** Runs due jobs and delivers WeChat's notifications, until neither has anything left. */
    protected int runJobs() {
        return testClock.runDue();
    }

    /** Runs {@code n} calls at the same moment, each in its own transaction (as requests on several nodes would). */
    protected <T> List<T> concurrently(int n, IntFunction<T> call) throws Exception {
        TransactionTemplate tx = new TransactionTemplate(transactionManager);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch ready = new CountDownLatch(n);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return tx.execute(status -> call.apply(index));
                }));
            }
            Assertions.assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    protected Binding startBinding(String userId) {
        return bindingService.create("test-client", UUID.randomUUID().toString(),
                new BindingService.CreateBinding(userId, Channel.JD_APP)).binding();
    }

    /** The code of the last SMS the persona's phone received. */
    protected String lastSmsCode(String userId) {
        return sms.lastSentTo(userId).orElseThrow().code();
    }

    /** A binding of {@code userId} through steps 1–3: code verified, the WeChat authorization request job not run yet. */
    protected String codeVerified(String userId) {
        String id = startBinding(userId).id();
        runJobs();
        bindingService.acceptAgreement(id, bindingProperties.agreementVersion());
        otp.requestCode(id);
        runJobs();
        otp.enterCode(id, lastSmsCode(userId));
        return id;
    }

    /** A binding of {@code userId} driven through all six steps to ACTIVE (priority 1, no cap). */
    protected String activeBinding(String userId) {
        return activeBinding(userId, null);
    }

    /** A binding of {@code userId} driven through all six steps to ACTIVE (priority 1, the per-transaction cap given). */
    protected String activeBinding(String userId, java.math.BigDecimal perTransactionCap) {
        String id = codeVerified(userId);
        runJobs();
        sandboxWeChat.customerActs(id, SandboxWeChatPay.CustomerAction.APPROVE, 1);
        runJobs();
        bindingService.setPreferences(id, perTransactionCap);
        faces.verify(id, "pass");
        runJobs();
        if (binding(id).status() != BindingStatus.ACTIVE) {
            throw new AssertionError("binding " + id + " is " + binding(id).status() + ", not ACTIVE");
        }
        return id;
    }

    protected Binding binding(String id) {
        return bindingRepository.find(id).orElseThrow();
    }

    protected ProcessInstance bindingInstance(String bindingId) {
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(BindingProcess.PROCESS_ID)
                .processInstanceBusinessKey(bindingId).singleResult();
    }

    /** The binding's SMS-code step (process OtpVerification, called by Binding), while it runs. */
    protected ProcessInstance otpInstance(String bindingId) {
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(OtpVerificationProcess.PROCESS_ID)
                .processInstanceBusinessKey(bindingId).singleResult();
    }

    protected ProcessInstance eligibilityInstance(String bindingId) {
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(EligibilityProcess.PROCESS_ID)
                .processInstanceBusinessKey(bindingId).singleResult();
    }
}
