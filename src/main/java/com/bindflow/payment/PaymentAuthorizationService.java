package com.bindflow.payment;

import com.bindflow.freeze.CreditLineFreezes;
import com.bindflow.freeze.FreezeCause;
import com.bindflow.risk.LayerResult;
import com.bindflow.risk.RiskEvaluation;
import com.bindflow.risk.RiskOutcome;
import com.bindflow.shared.ApiProblem;
import com.bindflow.shared.EngineClock;
import com.bindflow.shared.Idempotency;
import com.bindflow.shared.OutsideSystemUnavailableException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Payment authorizations (issue #5), decided synchronously — no process instance per payment. Every decision that
 * touches a customer's figures runs in one transaction that first locks the customer's ledger row, so limits,
 * exposure and the daily offline total stay right with concurrent payments on several nodes. Every attempt is
 * recorded (approved or not) with its risk evaluation, before any limit can refuse it. The decision itself is
 * {@link PaymentDecision}'s (pure); a step-up is answered by {@link StepUps}, a reversal made by {@link Reversals}.
 */
@Service
public class PaymentAuthorizationService {

    private final AuthorizationRepository authorizations;
    private final PaymentLedger ledger;
    private final PaymentFacts facts;
    private final PaymentDecision decision;
    private final CreditLineFreezes freezes;
    private final StepUps stepUps;
    private final PaymentProperties properties;
    private final PaymentFailures failures;
    private final Clock clock;
    private final TransactionTemplate tx;

    private final PaymentMetrics metrics;

    public PaymentAuthorizationService(AuthorizationRepository authorizations, PaymentLedger ledger, PaymentFacts facts,
                                       PaymentDecision decision, CreditLineFreezes freezes, StepUps stepUps,
                                       PaymentProperties properties, PaymentFailures failures, Clock clock,
                                       PlatformTransactionManager transactionManager,
                                       PaymentMetrics metrics) {
        this.metrics = metrics;
        this.authorizations = authorizations;
        this.ledger = ledger;
        this.facts = facts;
        this.decision = decision;
        this.freezes = freezes;
        this.stepUps = stepUps;
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
        long started = System.nanoTime();
        try {
            Result result = authorizeOnce(clientId, idempotencyKey, request);
            if (!result.replayed()) {
                metrics.decided(request.scenario(), result.authorization().decision().name(),
                        result.authorization().reasonCodes(), Duration.ofNanos(System.nanoTime() - started));
            }
            return result;
        } catch (OutsideSystemUnavailableException down) {
            metrics.decided(request.scenario(), PaymentMetrics.NO_DECISION, List.of(down.reasonCode()),
                    Duration.ofNanos(System.nanoTime() - started));
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
        boolean crossBorderPermission = facts.crossBorderPermission(request.userId(), request.scenario());
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
        Instant now = clock.instant();
        LocalDate day = now.atZone(EngineClock.CHINA).toLocalDate();
        PaymentFacts.Facts known = facts.of(PaymentFacts.Attempt.of(request), locked.get(), crossBorderPermission, now, day);
        PaymentDecision.Verdict verdict = decision.decide(known.risk(), known.limits());
        RiskEvaluation evaluation = verdict.evaluation();
        boolean stepUp = verdict.decision() == Decision.STEP_UP_REQUIRED;
        Authorization authorization = new Authorization(UUID.randomUUID().toString(), clientId, key, hash,
                request.userId(), known.bindingId(), request.scenario(), request.amount().setScale(2),
                request.payeeType(), request.payeeId(), request.purpose(), request.city().trim(), request.occurredAt(), now,
                day, verdict.decision(), verdict.reasons(), evaluation.outcome(), evaluation.layers(),
                stepUp ? now.plus(properties.stepUp().timeout()) : null, 0, stepUp ? null : now, null);
        authorizations.insert(authorization);
        if (verdict.decision() == Decision.APPROVED) {
            ledger.take(request.userId(), authorization.amount(), properties.wechatExposureLimit(), now);
        }
        if (verdict.decision() == Decision.FROZEN && !known.frozen()) {
            freezeCreditLine(request.userId(), evaluation, authorization.id());
        }
        return new Result(authorization, false);
    }

    /**
     * A FROZEN decision freezes the customer's whole credit line for RISK, with this authorization as the evidence; the
     * freeze opens the Unfreeze case a risk reviewer decides (unfreeze.RiskFreezeOpensUnfreezeCase). In the decision's
     * transaction: the freeze and the case commit with the authorization or not at all.
     */
    private void freezeCreditLine(String userId, RiskEvaluation evaluation, String authorizationId) {
        String reason = evaluation.layers().stream().filter(l -> l.outcome() == RiskOutcome.FREEZE)
                .map(l -> l.reason() + ": " + l.detail()).collect(Collectors.joining("; "));
        freezes.freeze(userId, FreezeCause.RISK, reason, authorizationId);
    }

    private Optional<Result> replay(String clientId, String key, String hash) {
        return authorizations.findByKey(clientId, key).map(found -> {
            if (!found.requestHash().equals(hash)) {
                throw Idempotency.reused();
            }
            return new Result(stepUps.current(found), true);
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

    /** The customer's ledger row, from JD Finance's available credit; a 404 for a user JD Finance does not know. */
    private void openLedger(String userId) {
        BigDecimal available = facts.jdFinanceAvailableCredit(userId);
        try {
            tx.executeWithoutResult(s -> ledger.create(userId, available, clock.instant()));
        } catch (DuplicateKeyException another) {
            // another request opened it meanwhile: the first figure stays
        }
    }

    // ---- read -----------------------------------------------------------------------------------------------

    /** The authorization as it is now (a step-up past its time is declined first). */
    public Authorization get(String id) {
        return stepUps.current(authorizations.find(id).orElseThrow(() -> notFound(id)));
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
