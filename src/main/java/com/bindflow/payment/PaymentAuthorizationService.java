package com.bindflow.payment;

import com.bindflow.binding.Binding;
import com.bindflow.binding.BindingRepository;
import com.bindflow.credit.BaitiaoAccount;
import com.bindflow.credit.JdFinanceAccounts;
import com.bindflow.freeze.CreditLineFreezes;
import com.bindflow.freeze.FreezeCause;
import com.bindflow.risk.LayerResult;
import com.bindflow.risk.RiskEvaluation;
import com.bindflow.risk.RiskFacts;
import com.bindflow.risk.RiskOutcome;
import com.bindflow.risk.RiskPipeline;
import com.bindflow.risk.RiskProperties;
import com.bindflow.shared.ApiProblem;
import com.bindflow.shared.EngineClock;
import com.bindflow.shared.Idempotency;
import com.bindflow.shared.OutsideSystemUnavailableException;
import com.bindflow.verification.FaceRecognition;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Payment authorizations (issue #5), decided synchronously — no process instance per payment. Every decision that
 * touches a customer's figures runs in one transaction that first locks the customer's ledger row, so limits,
 * exposure and the daily offline total stay right with concurrent payments on several nodes. Every attempt is
 * recorded (approved or not) with its risk evaluation, before any limit can refuse it.
 */
@Service
public class PaymentAuthorizationService {

    private final AuthorizationRepository authorizations;
    private final PaymentLedger ledger;
    private final BindingRepository bindings;
    private final JdFinanceAccounts accounts;
    private final CreditLineFreezes freezes;
    private final FaceRecognition faces;
    private final RiskPipeline risk;
    private final RiskProperties riskProperties;
    private final PaymentLimits limits;
    private final PaymentProperties properties;
    private final PaymentFailures failures;
    private final Clock clock;
    private final TransactionTemplate tx;

    public PaymentAuthorizationService(AuthorizationRepository authorizations, PaymentLedger ledger,
                                       BindingRepository bindings, JdFinanceAccounts accounts, CreditLineFreezes freezes,
                                       FaceRecognition faces, RiskPipeline risk, RiskProperties riskProperties,
                                       PaymentLimits limits, PaymentProperties properties, PaymentFailures failures,
                                       Clock clock, PlatformTransactionManager transactionManager) {
        this.authorizations = authorizations;
        this.ledger = ledger;
        this.bindings = bindings;
        this.accounts = accounts;
        this.freezes = freezes;
        this.faces = faces;
        this.risk = risk;
        this.riskProperties = riskProperties;
        this.limits = limits;
        this.properties = properties;
        this.failures = failures;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactionManager);
    }

    /** An authorization and whether this answer replays an earlier request (same Idempotency-Key). */
    public record Result(Authorization authorization, boolean replayed) {
    }

    // ---- authorize ------------------------------------------------------------------------------------------

    /**
     * Decides a payment once per (client, Idempotency-Key): the same key and body return the same authorization as
     * it is now; the same key with another body is a 422; an unknown user a 404 (nothing written).
     */
    public Result authorize(String clientId, String idempotencyKey, PaymentRequest request) {
        try {
            return authorizeOnce(clientId, idempotencyKey, request);
        } catch (OutsideSystemUnavailableException down) {
            // no decision (503, the key stays free for the retry), but a failed payment all the same: recorded for the
            // failure rate in a transaction of its own
            failures.record(request, down.reasonCode(), down.getMessage(), clock.instant());
            throw down;
        }
    }

    private Result authorizeOnce(String clientId, String idempotencyKey, PaymentRequest request) {
        checkOccurredAt(request.occurredAt());
        String hash = request.hash();
        Optional<Result> replay = replay(clientId, idempotencyKey, hash);
        if (replay.isPresent()) {
            return replay.get();
        }
        // only cross-border orders need JD Finance's current word (the permission); asked before any lock is held
        boolean crossBorderPermission = request.scenario() == Scenario.CROSS_BORDER && account(request.userId()).crossBorderPermission();
        try {
            Result result = tx.execute(s -> decideNew(clientId, idempotencyKey, hash, request, crossBorderPermission));
            if (result == null) {           // first payment of this customer: open the ledger, then decide
                openLedger(request.userId());
                result = tx.execute(s -> decideNew(clientId, idempotencyKey, hash, request, crossBorderPermission));
            }
            return result;
        } catch (DuplicateKeyException raced) {
            return replay(clientId, idempotencyKey, hash).orElseThrow(() -> raced);
        }
    }

    /** Null when the customer has no ledger row yet (nothing written then). */
    private Result decideNew(String clientId, String key, String hash, PaymentRequest request, boolean crossBorderPermission) {
        Optional<PaymentLedger.Entry> locked = ledger.lock(request.userId());
        if (locked.isEmpty()) {
            return null;
        }
        // a twin request (same key) that held the lock before us: the unique key refuses our insert, and authorize()
        // answers with the twin's authorization after this transaction rolled back
        PaymentLedger.Entry figures = locked.get();
        Instant now = clock.instant();
        LocalDate day = now.atZone(EngineClock.CHINA).toLocalDate();
        Binding binding = bindings.findOpenByUser(request.userId()).orElse(null);
        boolean frozen = freezes.isFrozen(request.userId());
        AuthorizationRepository.CustomerHistory history = history(request.userId(), request.city(), now, day, binding);
        RiskFacts facts = riskFacts(request.userId(), request.scenario(), request.amount(), request.city(), now, frozen,
                binding, figures, history.risk());
        RiskEvaluation evaluation = risk.evaluate(facts);

        Decision decision;
        List<String> reasons;
        switch (evaluation.outcome()) {
            case FREEZE -> {
                decision = Decision.FROZEN;
                reasons = evaluation.reasons(RiskOutcome.FREEZE);
            }
            case DECLINE -> {
                decision = Decision.DECLINED;
                reasons = evaluation.reasons(RiskOutcome.DECLINE);
            }
            default -> {
                List<String> broken = limits.violations(limitFacts(request.scenario(), request.amount(), request.payeeType(),
                        request.purpose(), crossBorderPermission, history, figures, binding));
                if (!broken.isEmpty()) {
                    decision = Decision.DECLINED;
                    reasons = broken;
                } else if (evaluation.outcome() == RiskOutcome.STEP_UP) {
                    decision = Decision.STEP_UP_REQUIRED;
                    reasons = evaluation.reasons(RiskOutcome.STEP_UP);
                } else {
                    decision = Decision.APPROVED;
                    reasons = List.of();
                }
            }
        }
        boolean stepUp = decision == Decision.STEP_UP_REQUIRED;
        Authorization authorization = new Authorization(UUID.randomUUID().toString(), clientId, key, hash,
                request.userId(), binding == null ? null : binding.id(), request.scenario(), request.amount().setScale(2),
                request.payeeType(), request.payeeId(), request.purpose(), request.city().trim(), request.occurredAt(), now,
                day, decision, reasons, evaluation.outcome(), evaluation.layers(),
                stepUp ? now.plus(properties.stepUp().timeout()) : null, 0, stepUp ? null : now, null);
        authorizations.insert(authorization);
        if (decision == Decision.APPROVED) {
            ledger.take(request.userId(), authorization.amount(), properties.wechatExposureLimit(), now);
        }
        if (decision == Decision.FROZEN && !frozen) {
            freezes.freeze(request.userId(), FreezeCause.RISK, freezeReason(evaluation), authorization.id());
        }
        return new Result(authorization, false);
    }

    private Optional<Result> replay(String clientId, String key, String hash) {
        return authorizations.findByKey(clientId, key).map(found -> {
            if (!found.requestHash().equals(hash)) {
                throw Idempotency.reused();
            }
            return new Result(current(found), true);
        });
    }

    private void checkOccurredAt(Instant occurredAt) {
        Instant now = clock.instant();
        if (occurredAt.isAfter(now.plus(properties.occurredAt().maxAhead()))
                || occurredAt.isBefore(now.minus(properties.occurredAt().maxAge()))) {
            throw ApiProblem.badRequest("occurredAt", "occurredAt " + occurredAt + " must lie between "
                    + properties.occurredAt().maxAge() + " before and " + properties.occurredAt().maxAhead()
                    + " after now (" + now + ").");
        }
    }

    private BaitiaoAccount account(String userId) {
        return accounts.find(userId).orElseThrow(() -> ApiProblem.notFound("UNKNOWN_USER",
                "JD Finance knows no user " + userId + ".").with("field", "userId"));
    }

    /** The customer's ledger row, from JD Finance's available credit; a 404 for a user JD Finance does not know. */
    private void openLedger(String userId) {
        BigDecimal available = account(userId).availableCredit().setScale(2);
        try {
            tx.executeWithoutResult(s -> ledger.create(userId, available, clock.instant()));
        } catch (DuplicateKeyException another) {
            // another request opened it meanwhile: the first figure stays
        }
    }

    private AuthorizationRepository.CustomerHistory history(String userId, String city, Instant now, LocalDate day,
                                                            Binding binding) {
        // the burst counts from the binding's activation, or from the last lifted risk freeze if later: scans an
        // Unfreeze review has already judged do not freeze the line again (asked only while the burst window is open:
        // after it, nothing is counted, and most payments skip the query)
        Instant activatedAt = binding == null ? null : binding.wechat().activatedAt();
        boolean burstWindowOpen = activatedAt != null && now.isBefore(activatedAt.plus(riskProperties.burst().window()));
        Instant countFrom = burstWindowOpen ? freezes.lastLifted(userId, FreezeCause.RISK).orElse(null) : null;
        return authorizations.history(userId, city, now, day, day.atStartOfDay(EngineClock.CHINA).toInstant(),
                activatedAt, countFrom, riskProperties);
    }

    private RiskFacts riskFacts(String userId, Scenario scenario, BigDecimal amount, String city, Instant now,
                                boolean frozen, Binding binding, PaymentLedger.Entry figures, RiskFacts.History history) {
        return new RiskFacts(userId, scenario.name(), amount, city.trim(), now, frozen,
                binding == null ? null : binding.status().name(), binding == null ? null : binding.wechat().activatedAt(),
                figures.availableCredit(), headroom(figures), history);
    }

    private PaymentLimits.Facts limitFacts(Scenario scenario, BigDecimal amount, PayeeType payeeType, String purpose,
                                           boolean crossBorderPermission, AuthorizationRepository.CustomerHistory history,
                                           PaymentLedger.Entry figures, Binding binding) {
        return new PaymentLimits.Facts(scenario, amount, payeeType, purpose, crossBorderPermission,
                history.offlineApprovedToday(), figures.availableCredit(), headroom(figures),
                binding == null ? null : binding.wechat().perTransactionCap());
    }

    private BigDecimal headroom(PaymentLedger.Entry figures) {
        return properties.wechatExposureLimit().subtract(figures.wechatExposure());
    }

    private static String freezeReason(RiskEvaluation evaluation) {
        return evaluation.layers().stream().filter(l -> l.outcome() == RiskOutcome.FREEZE)
                .map(l -> l.reason() + ": " + l.detail()).collect(Collectors.joining("; "));
    }

    // ---- read, expire ---------------------------------------------------------------------------------------

    public Authorization get(String id) {
        return current(authorizations.find(id).orElseThrow(() -> notFound(id)));
    }

    /** The authorization as it is now: a step-up whose 5 minutes are over is declined (STEP_UP_EXPIRED) first. */
    private Authorization current(Authorization a) {
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

    // ---- step-up ----------------------------------------------------------------------------------------------

    /** The outcome of a face answer: the authorization now, and a refusal to report (null when none). */
    public record StepUpAnswer(Authorization authorization, ApiProblem problem) {
    }

    /**
     * The customer's face for a STEP_UP_REQUIRED authorization: a pass re-checks the gates (frozen, binding ACTIVE)
     * and the limits under the ledger lock and takes the credit (APPROVED) or declines; a mismatch or spoof
     * declines; poor lighting may be retried within the attempts and the 5 minutes.
     */
    public StepUpAnswer answerStepUp(String id, String providerToken) {
        Authorization before = get(id);
        requireStepUp(before);
        FaceRecognition.Result face;
        try {
            face = faces.verify(before.userId(), providerToken);
        } catch (IllegalArgumentException unknownToken) {
            throw ApiProblem.badRequest("providerToken", unknownToken.getMessage());
        }
        // JD Finance's word on the permission is asked before the ledger lock is taken, as for new payments
        boolean crossBorderPermission = face == FaceRecognition.Result.PASS && before.scenario() == Scenario.CROSS_BORDER
                && account(before.userId()).crossBorderPermission();
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
                case PASS -> approveAfterStepUp(a, figures, attempts, crossBorderPermission, now);
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

    private StepUpAnswer approveAfterStepUp(Authorization a, PaymentLedger.Entry figures, int attempts,
                                            boolean crossBorderPermission, Instant now) {
        Binding binding = bindings.findOpenByUser(a.userId()).orElse(null);
        boolean frozen = freezes.isFrozen(a.userId());
        AuthorizationRepository.CustomerHistory history = history(a.userId(), a.city(), now, a.beijingDay(), binding);
        RiskEvaluation gates = risk.gates(riskFacts(a.userId(), a.scenario(), a.amount(), a.city(), now, frozen, binding,
                figures, history.risk()));
        // every evaluation is recorded: the gates run again after the face, beside the first evaluation's layers
        List<LayerResult> layers = new java.util.ArrayList<>(a.riskLayers());
        gates.layers().forEach(l -> layers.add(new LayerResult(l.layer() + " (after face)", l.outcome(), l.reason(), l.detail())));
        authorizations.recordRiskAfterStepUp(a.id(), gates.outcome() == RiskOutcome.PASS ? a.riskOutcome() : gates.outcome(),
                layers);
        if (gates.outcome() == RiskOutcome.FREEZE || gates.outcome() == RiskOutcome.DECLINE) {
            Decision decision = gates.outcome() == RiskOutcome.FREEZE ? Decision.FROZEN : Decision.DECLINED;
            authorizations.decideStepUp(a.id(), decision, gates.reasons(gates.outcome()), attempts, now);
            return new StepUpAnswer(authorizations.find(a.id()).orElseThrow(), null);
        }
        List<String> broken = limits.violations(limitFacts(a.scenario(), a.amount(), a.payeeType(), a.purpose(),
                crossBorderPermission, history, figures, binding));
        if (!broken.isEmpty()) {
            authorizations.decideStepUp(a.id(), Decision.DECLINED, broken, attempts, now);
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

    // ---- reversal ---------------------------------------------------------------------------------------------

    /**
     * A refund or reversal of an APPROVED authorization: its amount goes back to available credit and leaves the
     * WeChat exposure, and a reversed offline scan no longer counts towards its day's total. Idempotent: a second
     * reversal changes nothing and answers the same ({@code replayed}).
     */
    public Result reverse(String id) {
        Authorization found = get(id);
        if (found.reversedAt() != null) {
            return new Result(found, true);
        }
        if (found.decision() != Decision.APPROVED) {
            throw ApiProblem.conflict("NOT_REVERSIBLE", "Authorization " + id + " is " + found.decision()
                    + "; only an APPROVED authorization can be reversed.").with("currentDecision", found.decision().name());
        }
        return tx.execute(s -> {
            ledger.lock(found.userId()).orElseThrow();
            Instant now = clock.instant();
            if (!authorizations.markReversed(id, now)) {
                return new Result(authorizations.find(id).orElseThrow(), true);
            }
            ledger.giveBack(found.userId(), found.amount(), now);
            return new Result(authorizations.find(id).orElseThrow(), false);
        });
    }

    /** The customer's figures now (available credit, WeChat exposure), empty before their first payment. */
    public Optional<PaymentLedger.Entry> figures(String userId) {
        return ledger.find(userId);
    }

    static ApiProblem notFound(String id) {
        return ApiProblem.notFound("AUTHORIZATION_NOT_FOUND", "No payment authorization " + id + ".");
    }

    /** The layers that fired (not PASS), for views. */
    public static List<LayerResult> fired(Authorization a) {
        return a.riskLayers().stream().filter(LayerResult::fired).toList();
    }
}
