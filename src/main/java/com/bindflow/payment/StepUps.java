package com.bindflow.payment;

import com.bindflow.risk.LayerResult;
import com.bindflow.risk.RiskOutcome;
import com.bindflow.shared.ApiProblem;
import com.bindflow.shared.OutsideRefusal;
import com.bindflow.verification.FaceRecognition;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The step-up of a payment (STEP_UP_REQUIRED): the customer's face answers it within its 5 minutes, or it expires
 * (STEP_UP_EXPIRED, declined) — on the periodic sweep, or on the spot when it is read or answered late. A step-up
 * reserves nothing until it is approved.
 */
@Service
public class StepUps {

    private final AuthorizationRepository authorizations;
    private final PaymentLedger ledger;
    private final PaymentFacts facts;
    private final PaymentDecision decision;
    private final FaceRecognition faces;
    private final PaymentProperties properties;
    private final Clock clock;
    private final TransactionTemplate tx;

    public StepUps(AuthorizationRepository authorizations, PaymentLedger ledger, PaymentFacts facts,
                   PaymentDecision decision, FaceRecognition faces, PaymentProperties properties, Clock clock,
                   PlatformTransactionManager transactionManager) {
        this.authorizations = authorizations;
        this.ledger = ledger;
        this.facts = facts;
        this.decision = decision;
        this.faces = faces;
        this.properties = properties;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactionManager);
    }

    // ---- expiry -----------------------------------------------------------------------------------------------

    /** The authorization as it is now: a step-up whose 5 minutes are over is declined (STEP_UP_EXPIRED) first. */
    public Authorization current(Authorization a) {
        if (a.decision() == Decision.STEP_UP_REQUIRED && !clock.instant().isBefore(a.stepUpExpiresAt())) {
            authorizations.expireStepUps(a.id(), clock.instant());
            return authorizations.find(a.id()).orElseThrow();   // expired now, or answered a moment before
        }
        return a;
    }

    /** Declines every step-up whose time is over (the periodic sweep; safe on several nodes at once). */
    public int expireStepUps() {
        return authorizations.expireStepUps(null, clock.instant());
    }

    // ---- the customer's answer ------------------------------------------------------------------------------------

    /** The outcome of a face answer: the authorization now, and a refusal to report (null when none). */
    public record StepUpAnswer(Authorization authorization, ApiProblem problem) {
    }

    /**
     * The customer's face for a STEP_UP_REQUIRED authorization: a pass re-checks the gates (frozen, binding ACTIVE)
     * and the limits under the ledger lock and takes the credit (APPROVED) or declines; a mismatch or spoof
     * declines; poor lighting may be retried within the attempts and the 5 minutes.
     */
    public StepUpAnswer answer(String id, String providerToken) {
        Authorization before = current(authorizations.find(id).orElseThrow(() -> PaymentAuthorizationService.notFound(id)));
        requireStepUp(before);
        FaceRecognition.Result face;
        try {
            face = faces.verify(before.userId(), providerToken);
        } catch (OutsideRefusal unknownToken) {
            throw ApiProblem.badRequest("providerToken", unknownToken.getMessage());
        }
        // JD Finance's word on the permission is asked before the ledger lock is taken, as for new payments
        boolean crossBorderPermission = face == FaceRecognition.Result.PASS
                && facts.crossBorderPermission(before.userId(), before.scenario());
        StepUpAnswer answer = tx.execute(s -> {
            PaymentLedger.Entry figures = ledger.lock(before.userId()).orElseThrow();
            Authorization a = current(authorizations.find(id).orElseThrow());
            try {
                requireStepUp(a);
            } catch (ApiProblem notWaiting) {
                return new StepUpAnswer(a, notWaiting);     // an expiry found here is kept
            }
            Instant now = clock.instant();
            int attempts = a.faceAttempts() + 1;
            return switch (face) {
                case PASS -> approveAfterFace(a, figures, attempts, crossBorderPermission, now);
                case POOR_LIGHTING -> {
                    int left = properties.stepUp().maxFaceAttempts() - attempts;
                    if (left <= 0) {
                        yield decline(a, PaymentReason.FACE_RETRIES_EXHAUSTED.name(), attempts, now);
                    }
                    authorizations.recordFaceAttempts(id, attempts);
                    yield new StepUpAnswer(authorizations.find(id).orElseThrow(), new ApiProblem(
                            HttpStatus.UNPROCESSABLE_ENTITY, "FACE_POOR_LIGHTING", "providerToken",
                            "The capture was too dark: move to better light and try again.")
                            .with("attemptsLeft", left).with("expiresAt", a.stepUpExpiresAt()));
                }
                case MISMATCH -> decline(a, PaymentReason.FACE_MISMATCH.name(), attempts, now);
                case SPOOF -> decline(a, PaymentReason.FACE_SPOOF_DETECTED.name(), attempts, now);
            };
        });
        if (answer.problem() != null) {
            throw answer.problem();
        }
        return answer;
    }

    private StepUpAnswer approveAfterFace(Authorization a, PaymentLedger.Entry figures, int attempts,
                                          boolean crossBorderPermission, Instant now) {
        PaymentFacts.Facts factsNow = facts.of(PaymentFacts.Attempt.of(a), figures, crossBorderPermission, now, a.beijingDay());
        PaymentDecision.Verdict verdict = decision.afterFace(factsNow.risk(), factsNow.limits());
        // every evaluation is recorded: the gates run again after the face, beside the first evaluation's layers
        List<LayerResult> layers = new ArrayList<>(a.riskLayers());
        verdict.evaluation().layers().forEach(l -> layers.add(new LayerResult(l.layer() + " (after face)", l.outcome(),
                l.reason(), l.detail())));
        RiskOutcome gates = verdict.evaluation().outcome();
        authorizations.recordRiskAfterStepUp(a.id(), gates == RiskOutcome.PASS ? a.riskOutcome() : gates, layers);
        if (verdict.decision() != Decision.APPROVED) {
            authorizations.decideStepUp(a.id(), verdict.decision(), verdict.reasons(), attempts, now);
        } else if (authorizations.decideStepUp(a.id(), Decision.APPROVED, List.of(), attempts, now)) {
            // only when this answer decided it: the expiry sweep (which takes no ledger lock) may have declined it
            ledger.take(a.userId(), a.amount(), properties.wechatExposureLimit(), now);
        }
        return new StepUpAnswer(authorizations.find(a.id()).orElseThrow(), null);
    }

    private StepUpAnswer decline(Authorization a, String reason, int attempts, Instant now) {
        authorizations.decideStepUp(a.id(), Decision.DECLINED, List.of(reason), attempts, now);
        return new StepUpAnswer(authorizations.find(a.id()).orElseThrow(), null);
    }

    private static void requireStepUp(Authorization a) {
        if (a.decision() == Decision.STEP_UP_REQUIRED) {
            return;
        }
        if (a.reasonCodes().contains(PaymentReason.STEP_UP_EXPIRED.name())) {
            throw ApiProblem.conflict("STEP_UP_EXPIRED", "Authorization " + a.id() + " waited for face verification until "
                    + a.stepUpExpiresAt() + "; it is DECLINED.").with("currentDecision", a.decision().name());
        }
        throw ApiProblem.conflict("NOT_AWAITING_STEP_UP", "Authorization " + a.id() + " is " + a.decision()
                + " and waits for no face verification.").with("currentDecision", a.decision().name());
    }
}
