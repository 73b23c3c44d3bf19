package com.bindflow.binding;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.bindflow.binding.otp.OtpService;
import com.bindflow.binding.otp.OtpVerificationProcess;
import com.bindflow.shared.ApiProblem;
import com.bindflow.support.ProcessTestSupport;
import java.time.Duration;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/** Steps 1–3 of the binding in process Binding: agreement, SMS code with all its rules, every timeout. */
class BindingProcessTest extends ProcessTestSupport {


    private String id;
    private ProcessInstance process;
    /** The SMS-code step, called by the binding's process. */
    private ProcessInstance otpProcess;

    /** demo-ok, eligible, waiting for the agreement. */
    private void eligible() {
        id = startBinding("demo-ok").id();
        process = bindingInstance(id);
        runJobs();
        assertThat(process).isWaitingAt(BindingProcess.TASK_AWAIT_AGREEMENT);
        Assertions.assertThat(status()).isEqualTo(BindingStatus.AWAITING_AGREEMENT);
    }

    /** ... and in the SMS-code step. */
    private void inOtpStep() {
        eligible();
        bindingService.acceptAgreement(id, bindingProperties.agreementVersion());
        Assertions.assertThat(status()).isEqualTo(BindingStatus.AWAITING_OTP);
        assertThat(process).isWaitingAt(BindingProcess.CALL_ACTIVITY_VERIFY_OTP);
        otpProcess = otpInstance(id);
        assertThat(otpProcess).isWaitingAt(OtpVerificationProcess.GATEWAY_AWAIT_OTP_REQUEST);
    }

    /** Requests a code, lets Task_SendOtp send it, and returns the code the customer's phone received. */
    private String requestCode() {
        otp.requestCode(id);
        runJobs();
        assertThat(otpProcess).isWaitingAt(OtpVerificationProcess.GATEWAY_AWAIT_OTP_ENTRY);
        return lastSmsCode("demo-ok");
    }

    private BindingStatus status() {
        return binding(id).status();
    }

    private static String wrong(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }

    private OtpService.Entry.Refused refused(String code) {
        OtpService.Entry entry = otp.enterCode(id, code);
        Assertions.assertThat(entry).isInstanceOf(OtpService.Entry.Refused.class);
        return (OtpService.Entry.Refused) entry;
    }

    @Test
    void agreementThenCorrectCodeLeadsToWeChatAuthorization() {
        inOtpStep();
        Binding accepted = binding(id);
        Assertions.assertThat(accepted.agreementVersion()).isEqualTo("2026.1");
        Assertions.assertThat(accepted.agreementAcceptedAt()).isEqualTo(T0);

        String code = requestCode();
        Assertions.assertThat(code).matches("\\d{6}");
        Assertions.assertThat(otp.enterCode(id, code)).isInstanceOf(OtpService.Entry.Accepted.class);

        Assertions.assertThat(status()).isEqualTo(BindingStatus.AWAITING_WECHAT_AUTHORIZATION);
        assertThat(otpProcess).isEnded().hasPassed(OtpVerificationProcess.END_EVENT_OTP_VERIFIED);
        assertThat(process).hasPassed(BindingProcess.CALL_ACTIVITY_VERIFY_OTP)
                .isWaitingAt(BindingProcess.TASK_REQUEST_AUTHORIZATION);
        runJobs();
        assertThat(process).isWaitingAt(BindingProcess.TASK_AWAIT_WECHAT_AUTHORIZATION);
        Assertions.assertThat(binding(id).wechat().authorizationUrl()).isNotBlank();
        Assertions.assertThat(bindingService.history(id)).extracting(Binding.StatusChange::status).containsExactly(
                BindingStatus.CHECKING_ELIGIBILITY, BindingStatus.AWAITING_AGREEMENT, BindingStatus.AWAITING_OTP,
                BindingStatus.AWAITING_WECHAT_AUTHORIZATION);
    }

    @Test
    void aCodeIsSingleUse() {
        inOtpStep();
        String code = requestCode();
        otp.enterCode(id, code);

        Assertions.assertThatThrownBy(() -> otp.enterCode(id, code)).isInstanceOf(ApiProblem.class)
                .hasMessageContaining("AWAITING_WECHAT_AUTHORIZATION");
    }

    @Test
    void aStepInTheWrongStatusIsRefusedAndChangesNothing() {
        eligible();
        Assertions.assertThatThrownBy(() -> otp.requestCode(id)).isInstanceOf(ApiProblem.class)
                .satisfies(e -> Assertions.assertThat(((ApiProblem) e).code()).isEqualTo("WRONG_STATUS"));
        Assertions.assertThatThrownBy(() -> bindingService.acceptAgreement(id, "2019.1")).isInstanceOf(ApiProblem.class)
                .satisfies(e -> Assertions.assertThat(((ApiProblem) e).code()).isEqualTo("AGREEMENT_VERSION_OUTDATED"));
        Assertions.assertThat(status()).isEqualTo(BindingStatus.AWAITING_AGREEMENT);
        Assertions.assertThat(binding(id).agreementVersion()).isNull();
        assertThat(process).isWaitingAt(BindingProcess.TASK_AWAIT_AGREEMENT);
    }

    @Test
    void fourWrongEntriesStillAllowTheRightCode() {
        inOtpStep();
        String code = requestCode();
        for (int left = 4; left >= 1; left--) {
            Assertions.assertThat(refused(wrong(code))).extracting(OtpService.Entry.Refused::code,
                    OtpService.Entry.Refused::wrongEntriesLeft).containsExactly("OTP_WRONG", left);
        }
        Assertions.assertThat(otp.enterCode(id, code)).isInstanceOf(OtpService.Entry.Accepted.class);
        Assertions.assertThat(status()).isEqualTo(BindingStatus.AWAITING_WECHAT_AUTHORIZATION);
    }

    @Test
    void theFifthWrongEntryLocksTheCodeAndANewOneCanBeRequested() {
        inOtpStep();
        String code = requestCode();
        for (int i = 0; i < 4; i++) {
            refused(wrong(code));
        }
        Assertions.assertThat(refused(wrong(code)).code()).isEqualTo("OTP_LOCKED");
        assertThat(otpProcess).hasPassed(OtpVerificationProcess.EVENT_OTP_LOCKED)
                .isWaitingAt(OtpVerificationProcess.GATEWAY_AWAIT_OTP_REQUEST);
        Assertions.assertThat(refused(code).code()).isEqualTo("OTP_LOCKED");

        setClock(now().plusSeconds(60));
        String second = requestCode();
        Assertions.assertThat(otp.enterCode(id, second)).isInstanceOf(OtpService.Entry.Accepted.class);
    }

    @Test
    void lockingTheLastCodeExpiresTheBinding() {
        inOtpStep();
        for (int send = 1; send <= 3; send++) {
            String code = requestCode();
            for (int i = 0; i < 5; i++) {
                refused(wrong(code));
            }
            setClock(now().plusSeconds(60));
        }
        Assertions.assertThat(status()).isEqualTo(BindingStatus.EXPIRED);
        Assertions.assertThat(binding(id).reasonCodes()).containsExactly("OTP_LIMIT_REACHED");
        assertThat(otpProcess).isEnded().hasPassed(OtpVerificationProcess.END_EVENT_OTP_EXHAUSTED);
        assertThat(process).isEnded().hasPassed(BindingProcess.BOUNDARY_EVENT_OTP_EXHAUSTED,
                BindingProcess.END_EVENT_BINDING_FAILED);
        Assertions.assertThat(bindingRepository.openBindingOf("demo-ok")).isEmpty();
    }

    @Test
    void aCodeIsValidForFiveMinutesOnly() {
        inOtpStep();
        String code = requestCode();

        advance(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(otpProcess).isWaitingAt(OtpVerificationProcess.GATEWAY_AWAIT_OTP_ENTRY);
        advance(Duration.ofSeconds(1));
        assertThat(otpProcess).hasPassed(OtpVerificationProcess.TASK_EXPIRE_OTP)
                .isWaitingAt(OtpVerificationProcess.GATEWAY_AWAIT_OTP_REQUEST);

        Assertions.assertThat(refused(code).code()).isEqualTo("OTP_EXPIRED");
        Assertions.assertThat(status()).isEqualTo(BindingStatus.AWAITING_OTP);
        String next = requestCode();
        Assertions.assertThat(next).isNotEqualTo(code);
        Assertions.assertThat(otp.enterCode(id, next)).isInstanceOf(OtpService.Entry.Accepted.class);
    }

    @Test
    void threeExpiredCodesExpireTheBinding() {
        inOtpStep();
        for (int send = 1; send <= 3; send++) {
            requestCode();
            advance(Duration.ofMinutes(5));
        }
        Assertions.assertThat(status()).isEqualTo(BindingStatus.EXPIRED);
        Assertions.assertThat(binding(id).reasonCodes()).containsExactly("OTP_LIMIT_REACHED");
        assertThat(otpProcess).isEnded().hasPassed(OtpVerificationProcess.END_EVENT_OTP_EXHAUSTED);
        assertThat(process).isEnded().hasPassed(BindingProcess.BOUNDARY_EVENT_OTP_EXHAUSTED,
                BindingProcess.END_EVENT_BINDING_FAILED);
    }

    @Test
    void sendsAreSixtySecondsApartAndANewCodeReplacesTheOld() {
        inOtpStep();
        String first = requestCode();

        setClock(now().plusSeconds(59));
        Assertions.assertThatThrownBy(() -> otp.requestCode(id)).isInstanceOf(ApiProblem.class)
                .satisfies(e -> {
                    ApiProblem p = (ApiProblem) e;
                    Assertions.assertThat(p.code()).isEqualTo("OTP_COOLDOWN");
                    Assertions.assertThat(p.properties()).containsEntry("retryAfterSeconds", 1L);
                });

        setClock(now().plusSeconds(1));
        String second = requestCode();
        assertThat(otpProcess).hasPassed(OtpVerificationProcess.EVENT_OTP_RESEND_REQUESTED);
        Assertions.assertThat(otp.state(id).sendsUsed()).isEqualTo(2);

        Assertions.assertThat(refused(first).code()).isEqualTo("OTP_WRONG");
        Assertions.assertThat(otp.enterCode(id, second)).isInstanceOf(OtpService.Entry.Accepted.class);
    }

    @Test
    void atMostThreeSends() {
        inOtpStep();
        for (int send = 1; send <= 3; send++) {
            requestCode();
            setClock(now().plusSeconds(60));
        }
        Assertions.assertThatThrownBy(() -> otp.requestCode(id)).isInstanceOf(ApiProblem.class)
                .satisfies(e -> Assertions.assertThat(((ApiProblem) e).code()).isEqualTo("OTP_SEND_LIMIT_REACHED"));
        Assertions.assertThat(otp.state(id).sendsLeft()).isZero();
    }

    @Test
    void sendingTheSameCodeTwiceSendsOneSms() {
        inOtpStep();
        requestCode();
        int before = jdbc.queryForObject("select count(*) from sandbox_sms", Integer.class);
        // the send job may run twice (e.g. its transaction failed after the gateway call): same code, one SMS
        jdbc.update("update otp_challenge set state = 'PENDING'");
        otp.deliver(id, "demo-ok", 1);
        Assertions.assertThat(jdbc.queryForObject("select count(*) from sandbox_sms", Integer.class)).isEqualTo(before);
    }

    @Test
    void noAgreementWithinThirtyMinutesExpires() {
        eligible();
        advance(Duration.ofMinutes(30).minusSeconds(1));
        Assertions.assertThat(status()).isEqualTo(BindingStatus.AWAITING_AGREEMENT);
        advance(Duration.ofSeconds(1));
        Assertions.assertThat(status()).isEqualTo(BindingStatus.EXPIRED);
        Assertions.assertThat(binding(id).reasonCodes()).containsExactly("NO_CUSTOMER_ACTIVITY");
        assertThat(process).isEnded().hasPassed(BindingProcess.TIMER_AGREEMENT_TIMEOUT, BindingProcess.END_EVENT_BINDING_FAILED);
    }

    @Test
    void noCodeRequestedWithinThirtyMinutesOfTheLastStepExpires() {
        inOtpStep();
        advance(Duration.ofMinutes(20));
        requestCode();                       // last step at +20 min
        advance(Duration.ofMinutes(29));     // the code expired at +25, nothing since
        Assertions.assertThat(status()).isEqualTo(BindingStatus.AWAITING_OTP);
        advance(Duration.ofMinutes(1));      // +50 = 30 min after the last step
        Assertions.assertThat(status()).isEqualTo(BindingStatus.EXPIRED);
        Assertions.assertThat(binding(id).reasonCodes()).containsExactly("NO_CUSTOMER_ACTIVITY");
        assertThat(otpProcess).isEnded().hasPassed(OtpVerificationProcess.END_EVENT_OTP_INACTIVE);
        assertThat(process).isEnded().hasPassed(BindingProcess.BOUNDARY_EVENT_OTP_INACTIVE,
                BindingProcess.END_EVENT_BINDING_FAILED);
    }
}
