package com.bindflow.binding;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.bindflow.binding.face.FaceVerificationService;
import com.bindflow.binding.wechat.WeChatBindingService;
import com.bindflow.sandbox.wechat.SandboxWeChatPay;
import com.bindflow.sandbox.wechat.SandboxWeChatPay.ContractState;
import com.bindflow.sandbox.wechat.SandboxWeChatPay.CustomerAction;
import com.bindflow.shared.ApiProblem;
import com.bindflow.support.ProcessTestSupport;
import com.bindflow.wechat.notification.WeChatEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/** Steps 4–6 of process Binding: WeChat authorization, preferences, face recognition, test payment, undo, cancel. */
class BindingStepsProcessTest extends ProcessTestSupport {

    @Autowired
    SandboxWeChatPay wechat;

    private String id;
    private String userId;
    private ProcessInstance process;

    /** Through steps 1–3: the process waits for WeChat's authorization. */
    private void awaitingAuthorization(String user) {
        userId = user;
        id = codeVerified(user);
        process = bindingInstance(id);
        runJobs();
        assertThat(process).isWaitingAt(BindingProcess.TASK_AWAIT_WECHAT_AUTHORIZATION);
        Assertions.assertThat(status()).isEqualTo(BindingStatus.AWAITING_WECHAT_AUTHORIZATION);
    }

    private void authorized(int priority) {
        wechat.customerActs(id, CustomerAction.APPROVE, priority);
        runJobs();
        Assertions.assertThat(status()).isEqualTo(BindingStatus.AWAITING_PREFERENCES);
    }

    private void awaitingFace(String user) {
        awaitingAuthorization(user);
        authorized(1);
        bindingService.setPreferences(id, null);
        Assertions.assertThat(status()).isEqualTo(BindingStatus.AWAITING_FACE_VERIFICATION);
    }

    private BindingStatus status() {
        return binding(id).status();
    }

    private List<String> reasons() {
        return binding(id).reasonCodes();
    }

    private ContractState contractState() {
        return wechat.contract(Binding.contractCodeOf(id)).orElseThrow().state();
    }

    private Map<String, Object> testPayment() {
        return jdbc.queryForMap("select * from sandbox_wechat_payment where out_trade_no = ?",
                WeChatBindingService.testPaymentTradeNo(id));
    }

    // ---- the whole way -------------------------------------------------------------------------------------

    @Test
    void approvedAuthorizationCapFaceAndTestPaymentMakeTheBindingActive() {
        awaitingAuthorization("demo-ok");
        authorized(2);
        Binding preferences = bindingService.setPreferences(id, new BigDecimal("500"));
        Assertions.assertThat(preferences.status()).isEqualTo(BindingStatus.AWAITING_FACE_VERIFICATION);

        Assertions.assertThat(faces.verify(id, "pass").passed()).isTrue();
        Assertions.assertThat(status()).isEqualTo(BindingStatus.VERIFYING_PAYMENT);
        runJobs();

        Binding active = binding(id);
        Assertions.assertThat(active.status()).isEqualTo(BindingStatus.ACTIVE);
        Assertions.assertThat(active.wechat().priority()).isEqualTo(2);
        Assertions.assertThat(active.wechat().perTransactionCap()).isEqualByComparingTo("500.00");
        Assertions.assertThat(active.wechat().contractId()).isNotBlank();
        Assertions.assertThat(active.wechat().activatedAt()).isNotNull();
        Assertions.assertThat(testPayment()).containsEntry("STATE", "REFUNDED").containsEntry("AMOUNT_FEN", 1L);
        Assertions.assertThat(((Number) testPayment().get("REFUNDED_FEN")).longValue()).isEqualTo(1);
        Assertions.assertThat(contractState()).isEqualTo(ContractState.AUTHORIZED);
        Assertions.assertThat(bindingRepository.openBindingOf("demo-ok")).contains(id);
        assertThat(process).isEnded().hasPassed(BindingProcess.TASK_MAKE_TEST_PAYMENT,
                BindingProcess.TASK_REFUND_TEST_PAYMENT, BindingProcess.END_EVENT_ACTIVE);
        Assertions.assertThat(bindingService.history(id)).extracting(Binding.StatusChange::status).containsExactly(
                BindingStatus.CHECKING_ELIGIBILITY, BindingStatus.AWAITING_AGREEMENT, BindingStatus.AWAITING_OTP,
                BindingStatus.AWAITING_WECHAT_AUTHORIZATION, BindingStatus.AWAITING_PREFERENCES,
                BindingStatus.AWAITING_FACE_VERIFICATION, BindingStatus.VERIFYING_PAYMENT, BindingStatus.ACTIVE);
    }

    // ---- WeChat's authorization ----------------------------------------------------------------------------

    @Test
    void aDeclinedAuthorizationFails() {
        awaitingAuthorization("demo-ok");
        wechat.customerActs(id, CustomerAction.DECLINE, null);
        runJobs();
        Assertions.assertThat(status()).isEqualTo(BindingStatus.FAILED);
        Assertions.assertThat(reasons()).containsExactly("WECHAT_AUTHORIZATION_DECLINED");
        assertThat(process).isEnded().hasPassed(BindingProcess.EVENT_WECHAT_DECLINED, BindingProcess.END_EVENT_BINDING_FAILED,
                BindingProcess.END_EVENT_UNDONE);
        Assertions.assertThat(bindingRepository.openBindingOf("demo-ok")).isEmpty();
    }

    @Test
    void anAbandonedAuthorizationIsQueriedAfterThirtyMinutesAndExpires() {
        awaitingAuthorization("demo-ok");
        wechat.customerActs(id, CustomerAction.ABANDON, null);
        advance(Duration.ofMinutes(30).minusSeconds(1));
        Assertions.assertThat(status()).isEqualTo(BindingStatus.AWAITING_WECHAT_AUTHORIZATION);
        advance(Duration.ofSeconds(1));
        Assertions.assertThat(status()).isEqualTo(BindingStatus.EXPIRED);
        Assertions.assertThat(reasons()).containsExactly("WECHAT_AUTHORIZATION_TIMEOUT");
        assertThat(process).isEnded().hasPassed(BindingProcess.TASK_QUERY_AUTHORIZATION,
                BindingProcess.GATEWAY_AUTHORIZED_ON_QUERY, BindingProcess.END_EVENT_BINDING_FAILED);
    }

    @Test
    void aLostNotificationIsMadeUpForByTheQuery() {
        awaitingAuthorization("demo-ok");
        wechat.customerActs(id, CustomerAction.APPROVE, 3);
        wechatNotifier.awaitDeliveries(Duration.ofSeconds(30));
        jdbc.update("delete from wechat_notification");     // the notification never reached us
        advance(Duration.ofMinutes(30));
        Assertions.assertThat(status()).isEqualTo(BindingStatus.AWAITING_PREFERENCES);
        Assertions.assertThat(binding(id).wechat().priority()).isEqualTo(3);
        assertThat(process).hasPassed(BindingProcess.TASK_QUERY_AUTHORIZATION).isWaitingAt(BindingProcess.TASK_AWAIT_PREFERENCES);
    }

    @Test
    void aDeclineOnlyTheQueryFindsFails() {
        awaitingAuthorization("demo-ok");
        wechat.customerActs(id, CustomerAction.DECLINE, null);
        wechatNotifier.awaitDeliveries(Duration.ofSeconds(30));
        jdbc.update("delete from wechat_notification");
        advance(Duration.ofMinutes(30));
        Assertions.assertThat(status()).isEqualTo(BindingStatus.FAILED);
        Assertions.assertThat(reasons()).containsExactly("WECHAT_AUTHORIZATION_DECLINED");
    }

    @Test
    void duplicateNotificationsCorrelateOnce() {
        awaitingAuthorization("demo-ok");
        wechatNotifier.setDuplicates(3);
        authorized(1);
        Assertions.assertThat(wechatInbox.list()).hasSize(1);
        Assertions.assertThat(bindingService.history(id)).filteredOn(h -> h.status() == BindingStatus.AWAITING_PREFERENCES)
                .hasSize(1);
    }

    @Test
    void aNotificationBeforeTheProcessWaitsIsRetriedAndALateContradictionChangesNothing() {
        userId = "demo-ok";
        id = codeVerified(userId);
        process = bindingInstance(id);
        assertThat(process).isWaitingAt(BindingProcess.TASK_REQUEST_AUTHORIZATION);   // request job not run yet

        Map<String, Object> authorized = Map.of("contract_code", Binding.contractCodeOf(id), "binding_id", id,
                "user_id", "demo-ok", "contract_id", "early-contract", "priority", 4);
        wechatNotifier.send("early-1", WeChatEvent.CONTRACT_AUTHORIZED, "authorized", authorized);
        wechatNotifier.awaitDeliveries(Duration.ofSeconds(30));
        wechatInbox.processPending();                       // too early: kept for a retry
        Assertions.assertThat(status()).isEqualTo(BindingStatus.AWAITING_WECHAT_AUTHORIZATION);

        dueJobs.runAll();                                   // the request job: now the process waits
        assertThat(process).isWaitingAt(BindingProcess.TASK_AWAIT_WECHAT_AUTHORIZATION);
        advance(Duration.ofSeconds(10));                    // the inbox's back-off has passed
        Assertions.assertThat(status()).isEqualTo(BindingStatus.AWAITING_PREFERENCES);
        Assertions.assertThat(binding(id).wechat().priority()).isEqualTo(4);

        wechatNotifier.send("late-decline", WeChatEvent.CONTRACT_DECLINED, "declined",
                Map.of("contract_code", Binding.contractCodeOf(id), "binding_id", id, "user_id", "demo-ok"));
        runJobs();
        Assertions.assertThat(status()).isEqualTo(BindingStatus.AWAITING_PREFERENCES);
    }

    // ---- preferences ---------------------------------------------------------------------------------------

    @Test
    void theCapMustBePositiveWithTwoDecimalsAndWithinTheAvailableCredit() {
        awaitingAuthorization("demo-ok");
        authorized(1);
        Assertions.assertThatThrownBy(() -> bindingService.setPreferences(id, new BigDecimal("15000.01")))
                .isInstanceOf(ApiProblem.class).extracting(e -> ((ApiProblem) e).code()).isEqualTo("CAP_EXCEEDS_AVAILABLE_CREDIT");
        Assertions.assertThatThrownBy(() -> bindingService.setPreferences(id, BigDecimal.ZERO))
                .isInstanceOf(ApiProblem.class).extracting(e -> ((ApiProblem) e).field()).isEqualTo("perTransactionCap");
        Assertions.assertThatThrownBy(() -> bindingService.setPreferences(id, new BigDecimal("10.001")))
                .isInstanceOf(ApiProblem.class).extracting(e -> ((ApiProblem) e).field()).isEqualTo("perTransactionCap");
        Assertions.assertThat(status()).isEqualTo(BindingStatus.AWAITING_PREFERENCES);

        Binding capped = bindingService.setPreferences(id, new BigDecimal("15000.00"));
        Assertions.assertThat(capped.wechat().perTransactionCap()).isEqualByComparingTo("15000");
        Assertions.assertThat(capped.status()).isEqualTo(BindingStatus.AWAITING_FACE_VERIFICATION);
    }

    @Test
    void noPreferencesInTimeExpireAndRevokeTheAuthorization() {
        awaitingAuthorization("demo-ok");
        authorized(1);
        advance(Duration.ofMinutes(30).minusSeconds(1));
        Assertions.assertThat(status()).isEqualTo(BindingStatus.AWAITING_PREFERENCES);
        advance(Duration.ofSeconds(1));
        Assertions.assertThat(status()).isEqualTo(BindingStatus.EXPIRED);
        Assertions.assertThat(reasons()).containsExactly("NO_CUSTOMER_ACTIVITY", "WECHAT_AUTHORIZATION_REVOKED");
        Assertions.assertThat(contractState()).isEqualTo(ContractState.TERMINATED);
        assertThat(process).isEnded().hasPassed(BindingProcess.TIMER_PREFERENCES_TIMEOUT, BindingProcess.END_EVENT_BINDING_FAILED,
                BindingProcess.END_EVENT_UNDONE);
    }

    // ---- face recognition ----------------------------------------------------------------------------------

    @Test
    void poorLightingMayBeRetriedTwice() {
        awaitingFace("demo-ok");
        Assertions.assertThat(faces.verify(id, "poor-lighting")).extracting(FaceVerificationService.Attempt::code,
                FaceVerificationService.Attempt::attemptsLeft).containsExactly("FACE_POOR_LIGHTING", 2);
        Assertions.assertThat(faces.verify(id, "poor-lighting").attemptsLeft()).isEqualTo(1);
        Assertions.assertThat(faces.verify(id, "pass").passed()).isTrue();
        runJobs();
        Assertions.assertThat(status()).isEqualTo(BindingStatus.ACTIVE);
    }

    @ParameterizedTest(name = "{0} ends in {1}")
    @CsvSource({"mismatch, FACE_MISMATCH", "spoof, FACE_SPOOF_DETECTED", "poor-lighting, FACE_RETRIES_EXHAUSTED"})
    void aFailedFaceEndsTheBindingAndRevokesTheAuthorization(String token, String reason) {
        awaitingFace("demo-ok");
        FaceVerificationService.Attempt attempt = faces.verify(id, token);
        while (!attempt.passed() && attempt.attemptsLeft() > 0) {
            attempt = faces.verify(id, token);
        }
        Assertions.assertThat(attempt.code()).isEqualTo(reason);
        Assertions.assertThat(status()).isEqualTo(BindingStatus.UNDOING);
        runJobs();
        Assertions.assertThat(status()).isEqualTo(BindingStatus.FAILED);
        Assertions.assertThat(reasons()).containsExactly(reason, "WECHAT_AUTHORIZATION_REVOKED");
        Assertions.assertThat(contractState()).isEqualTo(ContractState.TERMINATED);
        assertThat(process).isEnded().hasPassed(BindingProcess.EVENT_FACE_FAILED, BindingProcess.END_EVENT_BINDING_FAILED,
                BindingProcess.END_EVENT_UNDONE);
    }

    @Test
    void anUnknownFaceTokenIsRefusedAndCountsNothing() {
        awaitingFace("demo-ok");
        Assertions.assertThatThrownBy(() -> faces.verify(id, "selfie.jpg")).isInstanceOf(ApiProblem.class)
                .extracting(e -> ((ApiProblem) e).field()).isEqualTo("providerToken");
        Assertions.assertThat(binding(id).wechat().faceAttempts()).isZero();
    }

    @Test
    void noFaceInTimeExpires() {
        awaitingFace("demo-ok");
        advance(Duration.ofMinutes(30).minusSeconds(1));
        Assertions.assertThat(status()).isEqualTo(BindingStatus.AWAITING_FACE_VERIFICATION);
        advance(Duration.ofSeconds(1));
        Assertions.assertThat(status()).isEqualTo(BindingStatus.EXPIRED);
        Assertions.assertThat(reasons()).containsExactly("NO_CUSTOMER_ACTIVITY", "WECHAT_AUTHORIZATION_REVOKED");
        assertThat(process).isEnded().hasPassed(BindingProcess.TIMER_FACE_TIMEOUT, BindingProcess.END_EVENT_BINDING_FAILED);
    }

    // ---- the test payment and undo -------------------------------------------------------------------------

    @Test
    void aDeclinedTestPaymentFailsAndRevokesTheAuthorization() {
        awaitingFace("demo-pay-declined");
        faces.verify(id, "pass");
        runJobs();
        Assertions.assertThat(status()).isEqualTo(BindingStatus.FAILED);
        Assertions.assertThat(reasons()).containsExactly("TEST_PAYMENT_DECLINED", "WECHAT_AUTHORIZATION_REVOKED");
        Assertions.assertThat(contractState()).isEqualTo(ContractState.TERMINATED);
        assertThat(process).isEnded().hasPassed(BindingProcess.EVENT_TEST_PAYMENT_DECLINED, BindingProcess.END_EVENT_BINDING_FAILED);
    }

    @Test
    void aWeChatFailureWhileUndoingIsRetriedThenAnIncident() {
        awaitingFace("demo-wechat-down");
        faces.verify(id, "mismatch");
        for (int attempt = 0; attempt < 3; attempt++) {
            runJobs();
            setClock(now().plusSeconds(10));
        }
        runJobs();
        Assertions.assertThat(status()).isEqualTo(BindingStatus.UNDOING);
        Assertions.assertThat(reasons()).containsExactly("FACE_MISMATCH");
        Incident incident = engine.getRuntimeService().createIncidentQuery()
                .activityId(BindingUndoProcess.TASK_TERMINATE_AUTHORIZATION).singleResult();
        Assertions.assertThat(incident).isNotNull();
        Assertions.assertThat(incident.getIncidentMessage()).contains("WeChat");
        Assertions.assertThat(bindingRepository.openBindingOf("demo-wechat-down")).contains(id);
    }

    // ---- cancel --------------------------------------------------------------------------------------------

    @Test
    void cancelWhileCheckingEligibility() {
        id = startBinding("demo-ok").id();
        process = bindingInstance(id);
        ProcessInstance eligibility = eligibilityInstance(id);
        bindingService.cancel(id);
        Assertions.assertThat(status()).isEqualTo(BindingStatus.CANCELLED);
        Assertions.assertThat(reasons()).containsExactly("CUSTOMER_CANCELLED");
        assertThat(eligibility).isEnded();
        assertThat(process).isEnded().hasPassed(BindingProcess.END_EVENT_CANCELLED);
        Assertions.assertThat(bindingRepository.openBindingOf("demo-ok")).isEmpty();
    }

    @Test
    void cancelUnderReview() {
        id = startBinding("demo-cashout").id();
        runJobs();
        Assertions.assertThat(status()).isEqualTo(BindingStatus.UNDER_REVIEW);
        bindingService.cancel(id);
        Assertions.assertThat(status()).isEqualTo(BindingStatus.CANCELLED);
        Assertions.assertThat(engine.getTaskService().createTaskQuery().count()).isZero();
    }

    @Test
    void cancelAwaitingAgreementOrCode() {
        id = startBinding("demo-ok").id();
        runJobs();
        bindingService.cancel(id);
        Assertions.assertThat(status()).isEqualTo(BindingStatus.CANCELLED);

        id = startBinding("demo-ok").id();
        runJobs();
        bindingService.acceptAgreement(id, bindingProperties.agreementVersion());
        otp.requestCode(id);
        runJobs();
        bindingService.cancel(id);
        Assertions.assertThat(status()).isEqualTo(BindingStatus.CANCELLED);
        Assertions.assertThat(reasons()).containsExactly("CUSTOMER_CANCELLED");
    }

    @Test
    void cancelAwaitingAuthorizationWithdrawsTheRequest() {
        awaitingAuthorization("demo-ok");
        bindingService.cancel(id);
        Assertions.assertThat(status()).isEqualTo(BindingStatus.UNDOING);
        runJobs();
        Assertions.assertThat(status()).isEqualTo(BindingStatus.CANCELLED);
        Assertions.assertThat(reasons()).containsExactly("CUSTOMER_CANCELLED");
        Assertions.assertThat(contractState()).isEqualTo(ContractState.TERMINATED);
        assertThat(process).isEnded().hasPassed(BindingProcess.CALL_ACTIVITY_UNDO_ON_CANCEL,
                BindingProcess.END_EVENT_CANCELLED_AFTER_UNDO);
    }

    @Test
    void cancelAwaitingPreferencesOrFaceRevokesTheAuthorization() {
        awaitingAuthorization("demo-ok");
        authorized(1);
        bindingService.cancel(id);
        runJobs();
        Assertions.assertThat(reasons()).containsExactly("CUSTOMER_CANCELLED", "WECHAT_AUTHORIZATION_REVOKED");

        awaitingFace("demo-ok");      // the cancelled binding freed the user
        bindingService.cancel(id);
        runJobs();
        Assertions.assertThat(status()).isEqualTo(BindingStatus.CANCELLED);
        Assertions.assertThat(reasons()).containsExactly("CUSTOMER_CANCELLED", "WECHAT_AUTHORIZATION_REVOKED");
    }

    @Test
    void cancelAfterTheTestPaymentRefundsItAndRevokes() {
        awaitingFace("demo-ok");
        faces.verify(id, "pass");
        Job payment = engine.getManagementService().createJobQuery()
                .activityId(BindingProcess.TASK_MAKE_TEST_PAYMENT).singleResult();
        engine.getManagementService().executeJob(payment.getId());   // paid, not refunded yet
        Assertions.assertThat(testPayment()).containsEntry("STATE", "SUCCESS");

        bindingService.cancel(id);
        runJobs();
        Assertions.assertThat(status()).isEqualTo(BindingStatus.CANCELLED);
        Assertions.assertThat(reasons()).containsExactly("CUSTOMER_CANCELLED", "WECHAT_AUTHORIZATION_REVOKED",
                "TEST_PAYMENT_REFUNDED");
        Assertions.assertThat(((Number) testPayment().get("REFUNDED_FEN")).longValue()).isEqualTo(1);
    }

    @Test
    void anActiveOrEndedBindingCannotBeCancelled() {
        awaitingFace("demo-ok");
        faces.verify(id, "pass");
        runJobs();
        Assertions.assertThatThrownBy(() -> bindingService.cancel(id)).isInstanceOf(ApiProblem.class)
                .hasMessageContaining("unbind");
        Assertions.assertThat(status()).isEqualTo(BindingStatus.ACTIVE);
    }

    @Test
    void aPendingAuthorizationIsWithdrawnWhenTheWaitEnds() {
        awaitingAuthorization("demo-ok");                       // the customer never acts on WeChat's page
        advance(Duration.ofMinutes(30));
        Assertions.assertThat(status()).isEqualTo(BindingStatus.EXPIRED);
        Assertions.assertThat(reasons()).containsExactly("WECHAT_AUTHORIZATION_TIMEOUT");
        Assertions.assertThat(contractState()).isEqualTo(ContractState.TERMINATED);
    }

    @Test
    void anAuthorizationThatLandsAfterACancelIsRevoked() {
        id = codeVerified("demo-ok");
        bindingService.cancel(id);                               // before the request job ran
        runJobs();
        Assertions.assertThat(status()).isEqualTo(BindingStatus.CANCELLED);

        // the request a racing job had already sent reaches WeChat now, and the customer approves it there
        wechat.requestAuthorization(Binding.contractCodeOf(id), id, "demo-ok");
        wechat.customerActs(id, CustomerAction.APPROVE, 1);
        runJobs();
        Assertions.assertThat(contractState()).isEqualTo(ContractState.TERMINATED);
        Assertions.assertThat(status()).isEqualTo(BindingStatus.CANCELLED);
    }

    @Test
    void aWeChatJobDoesNotCallWeChatForABindingThatMovedOn() {
        awaitingFace("demo-ok");
        faces.verify(id, "pass");
        // a cancel got the binding's row first: the payment job, run now, must not pay
        jdbc.update("update binding set status = 'UNDOING' where id = ?", id);
        Job payment = engine.getManagementService().createJobQuery()
                .activityId(BindingProcess.TASK_MAKE_TEST_PAYMENT).singleResult();
        Assertions.assertThatThrownBy(() -> engine.getManagementService().executeJob(payment.getId()))
                .hasMessageContaining("WeChat is not called");
        Assertions.assertThat(jdbc.queryForObject("select count(*) from sandbox_wechat_payment", Integer.class)).isZero();
    }

    @Test
    void aBindingBeingUndoneCannotBeCancelled() {
        awaitingFace("demo-wechat-down");
        faces.verify(id, "mismatch");
        runJobs();
        Assertions.assertThat(status()).isEqualTo(BindingStatus.UNDOING);
        Assertions.assertThatThrownBy(() -> bindingService.cancel(id)).isInstanceOf(ApiProblem.class)
                .hasMessageContaining("already ending (FACE_MISMATCH)");
    }
}
