package com.bindflow.binding.otp;

import com.bindflow.binding.Binding;
import com.bindflow.binding.BindingProcess;
import com.bindflow.binding.BindingProperties;
import com.bindflow.binding.BindingStatus;
import com.bindflow.binding.BindingSteps;
import com.bindflow.binding.BindingView;
import com.bindflow.binding.OtpProgress;
import com.bindflow.credit.BaitiaoAccount;
import com.bindflow.credit.JdFinanceAccounts;
import com.bindflow.shared.ApiProblem;
import com.bindflow.verification.SmsGateway;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Step 3b, the SMS code (SPEC.md §2): 6 digits, valid 5 minutes, at most 5 wrong entries per code, 60 s between
 * sends, at most 3 sends, single use. The counters live in {@code otp_challenge}; the process (OtpVerification.bpmn)
 * owns the waiting, the expiry timer and the end of the step.
 */
@Service
public class OtpService implements OtpProgress {

    private static final Logger log = LoggerFactory.getLogger(OtpService.class);

    private final OtpChallengeRepository challenges;
    private final BindingSteps bindings;
    private final JdFinanceAccounts accounts;
    private final SmsGateway sms;
    private final OtpProperties rules;
    private final OtpCodes codes;
    private final Duration inactivityTimeout;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final Duration sendHeldAtMost;

    /**
     * {@code jobLockMillis} and {@code maxAcquisitionWaitMillis} (the job executor's): a code's send job that a node
     * took and died with is run by another node at most their sum after it was requested.
     */
    public OtpService(OtpChallengeRepository challenges, BindingSteps bindings, JdFinanceAccounts accounts,
                      SmsGateway sms, OtpProperties rules, BindingProperties bindingProperties,
                      Clock clock, PlatformTransactionManager transactionManager,
                      @Value("${camunda.bpm.job-execution.lock-time-in-millis:300000}") long jobLockMillis,
                      @Value("${camunda.bpm.job-execution.max-wait:60000}") long maxAcquisitionWaitMillis) {
        this.challenges = challenges;
        this.bindings = bindings;
        this.accounts = accounts;
        this.sms = sms;
        this.rules = rules;
        this.codes = new OtpCodes(rules.secret());
        this.inactivityTimeout = bindingProperties.timeouts().otpInactivity();
        this.clock = clock;
        this.tx = new TransactionTemplate(transactionManager);
        this.sendHeldAtMost = Duration.ofMillis(jobLockMillis + maxAcquisitionWaitMillis);
    }

    /**
     * The customer asks for a (new) code. Refused while the cooldown runs (429) or when the sends are used up (409).
     * While the last code is still being sent (its send job has not run: queued, retried after a failure, or held by a
     * node that died until its lock runs out) nothing new is sent: the answer is that code's state with
     * {@link BindingView.Otp#retryAfterSeconds()}, when to look again.
     */
    public BindingView.Otp requestCode(String bindingId) {
        return tx.execute(status -> {
            Binding binding = bindings.lockInStatus(bindingId, BindingStatus.AWAITING_OTP);
            List<OtpChallenge> sent = challenges.list(bindingId);
            Instant now = clock.instant();
            Optional<OtpChallenge> sending = latest(sent).filter(c -> c.state() == OtpChallenge.State.PENDING);
            if (sending.isPresent()) {
                log.info("binding {}: SMS code {} asked for again while it is being sent", bindingId, sending.get().sendNo());
                return state(bindingId, stillSendingRetryAfter(sending.get(), now));
            }
            if (sent.size() >= rules.maxSends()) {
                throw ApiProblem.conflict("OTP_SEND_LIMIT_REACHED", "All " + rules.maxSends()
                        + " SMS codes of this binding were sent; enter the last one while it is valid.");
            }
            Optional<OtpChallenge> last = latest(sent);
            if (last.isPresent()) {
                Instant allowedAt = last.get().requestedAt().plus(rules.cooldown());
                if (now.isBefore(allowedAt)) {
                    long wait = Math.max(1, Duration.between(now, allowedAt).toSeconds());
                    throw new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "OTP_COOLDOWN", "A new code can be requested "
                            + wait + " s from now.").with("retryAfterSeconds", wait).with("nextSendAllowedAt", allowedAt.toString());
                }
                challenges.transition(bindingId, last.get().sendNo(), OtpChallenge.State.SUPERSEDED,
                        OtpChallenge.State.SENT, OtpChallenge.State.PENDING);
            }
            int sendNo = sent.size() + 1;
            Instant expiresAt = now.plus(rules.validity());
            challenges.insert(new OtpChallenge(bindingId, sendNo, now, expiresAt, null, 0, OtpChallenge.State.PENDING));
            bindings.correlate(binding, OtpVerificationProcess.MESSAGE_OTP_REQUESTED, Map.of(
                    OtpVerificationProcess.VAR_OTP_SEND_NO, sendNo,
                    OtpVerificationProcess.VAR_OTP_SENDS_LEFT, rules.maxSends() - sendNo,
                    OtpVerificationProcess.VAR_OTP_EXPIRES_AT, Date.from(expiresAt),
                    BindingProcess.VAR_OTP_INACTIVITY_DEADLINE, Date.from(now.plus(inactivityTimeout))));
            return state(bindingId);
        });
    }

    /** The outcome of one code entry. */
    public sealed interface Entry permits Entry.Accepted, Entry.Refused {
        record Accepted() implements Entry {
        }

        /** Refused, with why; the wrong-entry counter change (if any) is committed. */
        record Refused(String code, String detail, Integer wrongEntriesLeft) implements Entry {
        }
    }

    /**
     * The customer enters a code. A wrong entry is counted (and committed); the fifth locks the code, and with
     * no send left the binding expires. The right code is used up and the process goes on.
     */
    public Entry enterCode(String bindingId, String entered) {
        return tx.execute(status -> {
            Binding binding = bindings.lockInStatus(bindingId, BindingStatus.AWAITING_OTP);
            List<OtpChallenge> sent = challenges.list(bindingId);
            OtpChallenge current = latest(sent).orElseThrow(() -> ApiProblem.conflict("OTP_NOT_REQUESTED",
                    "No SMS code was requested yet: POST /api/bindings/" + bindingId + "/otp/send first."));
            Instant now = clock.instant();
            switch (current.state()) {
                case PENDING -> throw ApiProblem.conflict("OTP_NOT_SENT_YET", "The SMS code is being sent; retry in a moment.");
                case LOCKED -> {
                    return new Entry.Refused("OTP_LOCKED", "Too many wrong entries for this code; request a new one.", 0);
                }
                case EXPIRED, SUPERSEDED, USED -> {
                    return new Entry.Refused("OTP_EXPIRED", "This code is no longer valid; request a new one.", null);
                }
                case SENT -> {
                    // handled below
                }
            }
            if (!now.isBefore(current.expiresAt())) {
                return new Entry.Refused("OTP_EXPIRED", "The code expired (codes are valid "
                        + rules.validity().toMinutes() + " minutes); request a new one.", null);
            }
            if (!codes.matches(bindingId, current.sendNo(), entered)) {
                int wrong = current.wrongAttempts() + 1;
                boolean locked = wrong >= rules.maxWrongEntries();
                challenges.recordWrongAttempt(bindingId, current.sendNo(), wrong,
                        locked ? OtpChallenge.State.LOCKED : OtpChallenge.State.SENT);
                if (locked) {
                    bindings.correlate(binding, OtpVerificationProcess.MESSAGE_OTP_LOCKED,
                            Map.of(OtpVerificationProcess.VAR_OTP_SENDS_LEFT, rules.maxSends() - sent.size()));
                    return new Entry.Refused("OTP_LOCKED", "Wrong code, and the " + rules.maxWrongEntries()
                            + "th wrong entry: this code is locked." + (sent.size() < rules.maxSends()
                            ? " Request a new one." : " No sends are left: the binding expired."), 0);
                }
                return new Entry.Refused("OTP_WRONG", "Wrong code.", rules.maxWrongEntries() - wrong);
            }
            challenges.transition(bindingId, current.sendNo(), OtpChallenge.State.USED, OtpChallenge.State.SENT);
            bindings.correlate(binding, OtpVerificationProcess.MESSAGE_OTP_VERIFIED, Map.of());
            return new Entry.Accepted();
        });
    }

    /** Task_SendOtp: sends the n-th code by SMS. Idempotent: the code is derived, the gateway deduplicates. */
    public void deliver(String bindingId, String userId, int sendNo) {
        OtpChallenge challenge = challenges.find(bindingId, sendNo)
                .orElseThrow(() -> new IllegalStateException("no SMS code " + sendNo + " for binding " + bindingId));
        if (challenge.state() != OtpChallenge.State.PENDING) {
            return; // sent already (the job ran before), or replaced: nothing to send
        }
        BaitiaoAccount account = accounts.find(userId)
                .orElseThrow(() -> new IllegalStateException("JD Finance no longer knows user " + userId));
        String code = codes.codeFor(bindingId, sendNo);
        sms.send(bindingId + "-" + sendNo, userId, account.phone(), new SmsGateway.Message("【京东白条】验证码 " + code + "，"
                + rules.validity().toMinutes() + "分钟内有效，用于绑定微信支付，请勿泄露。Your code is " + code + ".",
                Map.of("code", code)));
        challenges.markSent(bindingId, sendNo, clock.instant());
    }

    /** Timer_OtpExpired → Task_ExpireOtp: the code's time is up (a locked or used code stays as it is). */
    public void expire(String bindingId, int sendNo) {
        challenges.transition(bindingId, sendNo, OtpChallenge.State.EXPIRED, OtpChallenge.State.SENT, OtpChallenge.State.PENDING);
    }

    @Override
    public BindingView.Otp of(String bindingId) {
        return state(bindingId);
    }

    /**
     * When to look again for a code still being sent: once the cooldown is over (while a node that died may hold its
     * send job, until it surely is another node's), and otherwise in 5 s (its send job is retried after a failure).
     */
    private long stillSendingRetryAfter(OtpChallenge sending, Instant now) {
        Instant surelyPickedUp = sending.requestedAt().plus(sendHeldAtMost);
        Instant cooldownOver = sending.requestedAt().plus(rules.cooldown());
        Instant at = surelyPickedUp.isAfter(cooldownOver) ? surelyPickedUp : cooldownOver;
        return at.isAfter(now) ? Math.max(1, (Duration.between(now, at).toMillis() + 999) / 1000) : 5;
    }

    /** The code step as the customer sees it now. */
    public BindingView.Otp state(String bindingId) {
        return state(bindingId, null);
    }

    private BindingView.Otp state(String bindingId, Long retryAfterSeconds) {
        List<OtpChallenge> sent = challenges.list(bindingId);
        Optional<OtpChallenge> last = latest(sent);
        int left = rules.maxSends() - sent.size();
        return new BindingView.Otp(sent.size(), left,
                last.map(OtpChallenge::expiresAt).orElse(null),
                left == 0 ? null : last.map(c -> c.requestedAt().plus(rules.cooldown())).orElse(null),
                last.map(c -> rules.maxWrongEntries() - c.wrongAttempts()).orElse(null),
                last.map(c -> c.state().name()).orElse(null), retryAfterSeconds);
    }

    private static Optional<OtpChallenge> latest(List<OtpChallenge> sent) {
        return sent.stream().max(Comparator.comparingInt(OtpChallenge::sendNo));
    }
}
