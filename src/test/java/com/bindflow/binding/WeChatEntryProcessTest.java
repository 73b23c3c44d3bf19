package com.bindflow.binding;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.bindflow.binding.wechat.WeChatBindRequestEvents;
import com.bindflow.channel.Channel;
import com.bindflow.eligibility.EligibilityProcess;
import com.bindflow.sandbox.wechat.SandboxWeChatPay;
import com.bindflow.shared.ApiProblem;
import com.bindflow.support.ProcessTestSupport;
import com.bindflow.wechat.WeChatPay;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SPEC section 3: the binding the customer starts in the WeChat wallet. WeChat asks (a signed CONTRACT.BIND_REQUESTED),
 * we start a WECHAT binding; the third-party authorization switch is checked first; eligibility, agreement, SMS code and
 * face recognition as in the JD app; we grant WeChat's request (Baitiao right after 零钱) or, on every early end, refuse it.
 */
class WeChatEntryProcessTest extends ProcessTestSupport {

    private String requestId;
    private String id;
    private ProcessInstance process;

    /** The customer asks in the wallet; WeChat's notification arrives and the binding's first jobs run. */
    private void bindInWallet(String userId) {
        requestId = sandboxWeChat.customerRequestsBinding(userId).requestId();
        wechatNotifier.awaitDeliveries(Duration.ofSeconds(30));
        wechatInbox.processPending();
        id = bindingService.listByUser(userId).get(0).id();
        process = bindingInstance(id);
        runJobs();
    }

    private String requestState() {
        return sandboxWeChat.bindRequest(requestId).orElseThrow().state();
    }

    private BindingStatus status() {
        return binding(id).status();
    }

    private void throughOtp(String userId) {
        bindingService.acceptAgreement(id, bindingProperties.agreementVersion());
        otp.requestCode(id);
        runJobs();
        otp.enterCode(id, lastSmsCode(userId));
    }

    @Test
    void theWalletEntryGrantsWeChatsRequestWithBaitiaoRightAfterTheWalletBalanceThenActivates() {
        bindInWallet("demo-ok");
        Binding started = binding(id);
        Assertions.assertThat(started.channel()).isEqualTo(Channel.WECHAT);
        Assertions.assertThat(started.wechat().requestId()).isEqualTo(requestId);
        Assertions.assertThat(status()).isEqualTo(BindingStatus.AWAITING_AGREEMENT);
        Assertions.assertThat(requestState()).isEqualTo("PENDING");

        throughOtp("demo-ok");
        Assertions.assertThat(status()).isEqualTo(BindingStatus.AWAITING_WECHAT_AUTHORIZATION);
        assertThat(process).isWaitingAt(BindingProcess.TASK_GRANT_WECHAT_REQUEST);
        runJobs();

        Binding granted = binding(id);
        Assertions.assertThat(granted.status()).isEqualTo(BindingStatus.AWAITING_PREFERENCES);
        Assertions.assertThat(granted.wechat().priority()).isEqualTo(WeChatPay.PRIORITY_AFTER_BALANCE).isEqualTo(2);
        Assertions.assertThat(granted.wechat().contractId()).startsWith("Wx");
        Assertions.assertThat(granted.wechat().authorizationUrl()).as("no authorization page: WeChat asked").isNull();
        Assertions.assertThat(requestState()).isEqualTo("GRANTED");
        Assertions.assertThat(sandboxWeChat.bindRequest(requestId).orElseThrow().bindingId()).isEqualTo(id);
        Assertions.assertThat(sandboxWeChat.authorizationOfBinding(id).orElseThrow().state())
                .isEqualTo(SandboxWeChatPay.ContractState.AUTHORIZED);

        bindingService.setPreferences(id, null);
        faces.verify(id, "pass");
        runJobs();
        Assertions.assertThat(status()).isEqualTo(BindingStatus.ACTIVE);
        assertThat(process).isEnded()
                .hasPassed(BindingProcess.TASK_CHECK_THIRD_PARTY_SWITCH, BindingProcess.TASK_GRANT_WECHAT_REQUEST,
                        BindingProcess.END_EVENT_ACTIVE)
                .hasNotPassed(BindingProcess.TASK_REQUEST_AUTHORIZATION);
    }

    @Test
    void theThirdPartySwitchIsCheckedFirstAndOffFailsAtOnceWithGuidanceAndRefusesWeChat() {
        bindInWallet("demo-3rdparty-off");
        Binding failed = binding(id);
        Assertions.assertThat(failed.status()).isEqualTo(BindingStatus.FAILED);
        Assertions.assertThat(failed.reasonCodes()).containsExactly("THIRD_PARTY_AUTH_OFF", "WECHAT_REQUEST_REFUSED");
        Assertions.assertThat(failed.statusMessage()).contains("Switch it on").contains("bind from the JD app");
        Assertions.assertThat(requestState()).isEqualTo("REFUSED");
        assertThat(process).isEnded().hasPassed(BindingProcess.GATEWAY_THIRD_PARTY_SWITCH_ON, BindingProcess.END_EVENT_BINDING_FAILED,
                        BindingProcess.END_EVENT_UNDONE)
                .hasNotPassed(BindingProcess.CALL_ACTIVITY_CHECK_ELIGIBILITY);
        Assertions.assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey(EligibilityProcess.PROCESS_ID).processInstanceBusinessKey(id).count())
                .as("eligibility is not even checked").isZero();
    }

    @Test
    void theSameCustomerBindsFromTheJdAppWithTheSwitchOff() {
        // the seed's advice: bind in the JD app, use it in WeChat — the switch only matters for the wallet entry
        Assertions.assertThat(binding(activeBinding("demo-3rdparty-off")).status()).isEqualTo(BindingStatus.ACTIVE);
    }

    @ParameterizedTest
    @CsvSource({"demo-overdue, ACCOUNT_OVERDUE", "demo-abnormal, ACCOUNT_ABNORMAL", "demo-class2, REAL_NAME_CLASS_INSUFFICIENT",
            "demo-id-mismatch, IDENTITY_MISMATCH", "demo-no-card, NO_BANK_CARD", "demo-enterprise, ENTERPRISE_ACCOUNT"})
    void anIneligibleCustomerIsRejectedAndWeChatsRequestRefused(String userId, String reason) {
        bindInWallet(userId);
        Assertions.assertThat(status()).isEqualTo(BindingStatus.REJECTED);
        Assertions.assertThat(binding(id).reasonCodes()).contains(reason).endsWith("WECHAT_REQUEST_REFUSED");
        Assertions.assertThat(requestState()).isEqualTo("REFUSED");
        assertThat(process).isEnded().hasPassed(BindingProcess.GATEWAY_ELIGIBLE, BindingProcess.END_EVENT_BINDING_FAILED,
                BindingProcess.END_EVENT_UNDONE);
    }

    @Test
    void aCustomerWithoutWeChatPayHasNoThirdPartyAuthorizationEither() {
        // demo-wechat-off: WeChat Pay is not enabled, so WeChat grants no third party anything — the first check fails
        bindInWallet("demo-wechat-off");
        Assertions.assertThat(binding(id).reasonCodes()).containsExactly("THIRD_PARTY_AUTH_OFF", "WECHAT_REQUEST_REFUSED");
    }

    @Test
    void aCashOutHistoryWaitsForTheReviewerWithWeChatsRequestOpenThenGoesOnWhenApproved() {
        bindInWallet("demo-cashout");
        Assertions.assertThat(status()).isEqualTo(BindingStatus.UNDER_REVIEW);
        Assertions.assertThat(requestState()).isEqualTo("PENDING");
        review("APPROVE", "Cash-out was a merchant refund.");
        Assertions.assertThat(status()).isEqualTo(BindingStatus.AWAITING_AGREEMENT);
        Assertions.assertThat(requestState()).isEqualTo("PENDING");
    }

    @Test
    void aReviewerRejectionRejectsTheBindingAndRefusesWeChatsRequest() {
        bindInWallet("demo-cashout");
        review("REJECT", "Repeated cash-out.");
        Assertions.assertThat(status()).isEqualTo(BindingStatus.REJECTED);
        Assertions.assertThat(binding(id).reasonCodes()).contains("REVIEW_REJECTED", "WECHAT_REQUEST_REFUSED");
        Assertions.assertThat(binding(id).statusMessage()).contains("Repeated cash-out.");
        Assertions.assertThat(requestState()).isEqualTo("REFUSED");
    }

    private void review(String decision, String reason) {
        var task = engine.getTaskService().createTaskQuery().taskDefinitionKey(EligibilityProcess.TASK_REVIEW)
                .processInstanceBusinessKey(id).singleResult();
        engine.getTaskService().complete(task.getId(), Map.of("reviewDecision", decision, "reviewReason", reason));
        runJobs();
    }

    @Test
    void noAgreementInTimeExpiresAndRefusesWeChatsRequest() {
        bindInWallet("demo-ok");
        advance(bindingProperties.timeouts().agreement());
        Assertions.assertThat(status()).isEqualTo(BindingStatus.EXPIRED);
        Assertions.assertThat(binding(id).reasonCodes()).containsExactly("NO_CUSTOMER_ACTIVITY", "WECHAT_REQUEST_REFUSED");
        Assertions.assertThat(requestState()).isEqualTo("REFUSED");
        assertThat(process).isEnded().hasPassed(BindingProcess.TIMER_AGREEMENT_TIMEOUT, BindingProcess.END_EVENT_BINDING_FAILED);
    }

    @Test
    void noCodeRequestedInTimeExpiresAndRefusesWeChatsRequest() {
        bindInWallet("demo-ok");
        bindingService.acceptAgreement(id, bindingProperties.agreementVersion());
        advance(bindingProperties.timeouts().otpInactivity());
        Assertions.assertThat(status()).isEqualTo(BindingStatus.EXPIRED);
        Assertions.assertThat(binding(id).reasonCodes()).containsExactly("NO_CUSTOMER_ACTIVITY", "WECHAT_REQUEST_REFUSED");
        Assertions.assertThat(requestState()).isEqualTo("REFUSED");
        assertThat(process).isEnded().hasPassed(BindingProcess.BOUNDARY_EVENT_OTP_INACTIVE,
                BindingProcess.END_EVENT_BINDING_FAILED);
    }

    @Test
    void codesUsedUpExpireAndRefuseWeChatsRequest() {
        bindInWallet("demo-ok");
        bindingService.acceptAgreement(id, bindingProperties.agreementVersion());
        for (int send = 1; send <= 3; send++) {
            otp.requestCode(id);
            runJobs();
            advance(Duration.ofMinutes(5));
        }
        Assertions.assertThat(status()).isEqualTo(BindingStatus.EXPIRED);
        Assertions.assertThat(binding(id).reasonCodes()).containsExactly("OTP_LIMIT_REACHED", "WECHAT_REQUEST_REFUSED");
        Assertions.assertThat(requestState()).isEqualTo("REFUSED");
        assertThat(process).isEnded().hasPassed(BindingProcess.BOUNDARY_EVENT_OTP_EXHAUSTED,
                BindingProcess.END_EVENT_BINDING_FAILED);
    }

    @Test
    void noPreferencesInTimeAfterTheGrantExpireAndRevokeTheContract() {
        bindInWallet("demo-ok");
        throughOtp("demo-ok");
        runJobs();
        advance(bindingProperties.timeouts().preferences());
        Assertions.assertThat(status()).isEqualTo(BindingStatus.EXPIRED);
        Assertions.assertThat(binding(id).reasonCodes()).containsExactly("NO_CUSTOMER_ACTIVITY", "WECHAT_AUTHORIZATION_REVOKED");
        Assertions.assertThat(requestState()).as("answered already: granted").isEqualTo("GRANTED");
        Assertions.assertThat(sandboxWeChat.authorizationOfBinding(id).orElseThrow().state())
                .isEqualTo(SandboxWeChatPay.ContractState.TERMINATED);
    }

    @Test
    void noFaceRecognitionInTimeExpiresAndRevokesTheContract() {
        bindInWallet("demo-ok");
        throughOtp("demo-ok");
        runJobs();
        bindingService.setPreferences(id, null);
        advance(bindingProperties.timeouts().faceVerification());
        Assertions.assertThat(status()).isEqualTo(BindingStatus.EXPIRED);
        Assertions.assertThat(binding(id).reasonCodes()).containsExactly("NO_CUSTOMER_ACTIVITY", "WECHAT_AUTHORIZATION_REVOKED");
        Assertions.assertThat(sandboxWeChat.authorizationOfBinding(id).orElseThrow().state())
                .isEqualTo(SandboxWeChatPay.ContractState.TERMINATED);
    }

    @Test
    void aCancelBeforeTheGrantRefusesWeChatsRequest() {
        bindInWallet("demo-ok");
        bindingService.cancel(id);
        Assertions.assertThat(status()).isEqualTo(BindingStatus.UNDOING);
        runJobs();
        Assertions.assertThat(status()).isEqualTo(BindingStatus.CANCELLED);
        Assertions.assertThat(binding(id).reasonCodes()).containsExactly("CUSTOMER_CANCELLED", "WECHAT_REQUEST_REFUSED");
        Assertions.assertThat(requestState()).isEqualTo("REFUSED");
    }

    @Test
    void aDuplicateRequestNotificationStartsOneBinding() {
        wechatNotifier.setDuplicates(2);
        bindInWallet("demo-ok");
        Assertions.assertThat(bindingService.listByUser("demo-ok")).hasSize(1);
        // and the same request id, however it reaches us, is the same binding
        var again = bindingService.create(WeChatBindRequestEvents.CLIENT_ID, requestId,
                new BindingService.CreateBinding("demo-ok", Channel.WECHAT, requestId));
        Assertions.assertThat(again.replayed()).isTrue();
        Assertions.assertThat(again.binding().id()).isEqualTo(id);
    }

    @Test
    void aWalletRequestWhileABindingIsInProgressIsRefusedAtOnce() {
        String open = startBinding("demo-ok").id();
        requestId = sandboxWeChat.customerRequestsBinding("demo-ok").requestId();
        runJobs();
        Assertions.assertThat(requestState()).isEqualTo("REFUSED");
        Assertions.assertThat(sandboxWeChat.bindRequest(requestId).orElseThrow().refuseReason()).contains("BINDING_IN_PROGRESS");
        Assertions.assertThat(bindingService.listByUser("demo-ok")).extracting(Binding::id).containsExactly(open);
    }

    @Test
    void theWalletKnowsOnlyWeChatUsers() {
        Assertions.assertThatThrownBy(() -> sandboxWeChat.customerRequestsBinding("nobody"))
                .isInstanceOfSatisfying(ApiProblem.class, p -> Assertions.assertThat(p.code()).isEqualTo("UNKNOWN_USER"));
    }

    @Test
    void aWeChatBindingWithoutWeChatsRequestIdIsGrantedAsWell() {
        // POST /api/bindings {"channel": "WECHAT"} reaches the same start without WeChat's request id
        id = bindingService.create("test-client", "k-1", new BindingService.CreateBinding("demo-ok", Channel.WECHAT)).binding().id();
        process = bindingInstance(id);
        runJobs();
        throughOtp("demo-ok");
        runJobs();
        Assertions.assertThat(binding(id).wechat().priority()).isEqualTo(WeChatPay.PRIORITY_AFTER_BALANCE);
        Assertions.assertThat(status()).isEqualTo(BindingStatus.AWAITING_PREFERENCES);
    }

    @Test
    void aWeChatRequestIdBelongsToTheWalletEntryOnly() {
        Assertions.assertThatThrownBy(() -> bindingService.create("test-client", "k-2",
                        new BindingService.CreateBinding("demo-ok", Channel.JD_APP, "WXBR1")))
                .isInstanceOfSatisfying(ApiProblem.class, p -> Assertions.assertThat(p.field()).isEqualTo("wechatRequestId"));
    }

    @Test
    void aRequestTheCustomerWithdrewInTheWalletEndsTheBindingAtTheGrant() {
        bindInWallet("demo-ok");
        throughOtp("demo-ok");
        sandboxWeChat.customerWithdraws(requestId);
        runJobs();
        Assertions.assertThat(status()).isEqualTo(BindingStatus.FAILED);
        Assertions.assertThat(binding(id).reasonCodes()).containsExactly("WECHAT_REQUEST_WITHDRAWN");
        Assertions.assertThat(sandboxWeChat.authorizationOfBinding(id)).as("no contract was made").isEmpty();
        assertThat(process).isEnded().hasPassed(BindingProcess.GATEWAY_REQUEST_GRANTED,
                BindingProcess.END_EVENT_WECHAT_REQUEST_WITHDRAWN, BindingProcess.END_EVENT_UNDONE);
        Assertions.assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
    }

    @Test
    void theRefusalTellsWeChatWhy() {
        bindInWallet("demo-3rdparty-off");
        Assertions.assertThat(sandboxWeChat.bindRequest(requestId).orElseThrow().refuseReason())
                .contains("third-party service authorization").contains("bind from the JD app");
    }

    @Test
    void oneRequestIsOneBindingWhicheverWayItReachesUsFirst() {
        // an API client starts the binding with WeChat's request id; WeChat's notification for it comes after
        requestId = sandboxWeChat.customerRequestsBinding("demo-ok").requestId();
        var viaApi = bindingService.create("test-client", "k-api", new BindingService.CreateBinding("demo-ok", Channel.WECHAT, requestId));
        Assertions.assertThat(viaApi.replayed()).isFalse();
        runJobs();   // the notification arrives: the same binding, nothing refused
        Assertions.assertThat(bindingService.listByUser("demo-ok")).extracting(Binding::id).containsExactly(viaApi.binding().id());
        Assertions.assertThat(requestState()).isEqualTo("PENDING");
        Assertions.assertThat(binding(viaApi.binding().id()).status()).isEqualTo(BindingStatus.AWAITING_AGREEMENT);
    }

    @Test
    void anotherCustomersOrAnAnsweredRequestIsRefused() {
        String othersRequest = sandboxWeChat.customerRequestsBinding("demo-cashout").requestId();
        Assertions.assertThatThrownBy(() -> bindingService.create("test-client", "k-1",
                        new BindingService.CreateBinding("demo-ok", Channel.WECHAT, othersRequest)))
                .isInstanceOfSatisfying(ApiProblem.class, p -> {
                    Assertions.assertThat(p.code()).isEqualTo("WECHAT_REQUEST_UNKNOWN");
                    Assertions.assertThat(p.field()).isEqualTo("wechatRequestId");
                });
        // a request refused while another binding was in progress starts nothing when it comes again later
        String open = startBinding("demo-ok").id();
        requestId = sandboxWeChat.customerRequestsBinding("demo-ok").requestId();
        runJobs();
        Assertions.assertThat(requestState()).isEqualTo("REFUSED");
        bindingService.cancel(open);
        runJobs();
        Assertions.assertThatThrownBy(() -> bindingService.create(WeChatBindRequestEvents.CLIENT_ID, requestId,
                        new BindingService.CreateBinding("demo-ok", Channel.WECHAT, requestId)))
                .isInstanceOfSatisfying(ApiProblem.class, p -> Assertions.assertThat(p.code()).isEqualTo("WECHAT_REQUEST_ANSWERED"));
        // and a request whose binding ended is that binding, however it comes again
        bindInWallet("demo-ok.c1");
        bindingService.cancel(id);
        runJobs();
        var again = bindingService.create("test-client", "k-2", new BindingService.CreateBinding("demo-ok.c1", Channel.WECHAT, requestId));
        Assertions.assertThat(again.replayed()).isTrue();
        Assertions.assertThat(again.binding().id()).isEqualTo(id);
        Assertions.assertThat(again.binding().status()).isEqualTo(BindingStatus.CANCELLED);
        Assertions.assertThat(bindingService.listByUser("demo-ok")).hasSize(1);
        Assertions.assertThat(bindingService.listByUser("demo-ok.c1")).hasSize(1);
    }
}
