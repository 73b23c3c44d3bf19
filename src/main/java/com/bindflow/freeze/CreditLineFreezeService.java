package com.bindflow.freeze;

import com.bindflow.shared.Savepoints;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The credit-line freezes: recorded idempotently per (user, cause, evidence) on every node, lifted per cause. A new
 * freeze is announced ({@link CreditLineFrozen}) in the caller's transaction: a RISK freeze opens the user's Unfreeze
 * review case there (see {@link #freeze}).
 */
@Service
public class CreditLineFreezeService implements CreditLineFreezes {

    private static final Logger log = LoggerFactory.getLogger(CreditLineFreezeService.class);
    static final int MAX_REASON = 500;
    public static final int MAX_EVIDENCE_REF = 100;
    static final int MAX_USER_ID = 64;

    private final CreditLineFreezeRepository freezes;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final TransactionTemplate savepoint;

    private final FreezeMetrics metrics;

    public CreditLineFreezeService(CreditLineFreezeRepository freezes, ApplicationEventPublisher events, Clock clock,
                                   PlatformTransactionManager transactionManager,
                                   FreezeMetrics metrics) {
        this.metrics = metrics;
        this.freezes = freezes;
        this.events = events;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactionManager);
        this.savepoint = Savepoints.of(transactionManager);
    }

    @Override
    public boolean isFrozen(String userId) {
        return freezes.anyActive(userId);
    }

    @Override
    public Optional<Instant> lastLifted(String userId, FreezeCause cause) {
        return freezes.lastLifted(userId, cause);
    }

    /**
     * Records the freeze unless the same (user, cause, evidence) freeze exists, and announces it
     * ({@link CreditLineFrozen}): a RISK freeze thereby opens the user's Unfreeze case and starts its process, unless a
     * case is open already. Runs in the caller's transaction when there is one (so nothing stays if the caller rolls
     * back, and nothing is lost if it commits), else in its own. Fast: a
     * look-up, an insert and, for RISK, the asynchronous start of the process (a few rows). A concurrent insert of the
     * same freeze on another node is not an error: the insert runs under a savepoint, so the caller's transaction goes
     * on (PostgreSQL would otherwise abort it).
     *
     * @param reason what tripped it, shown to the customer and the reviewer (longer than 500 characters: shortened)
     * @throws IllegalArgumentException for a blank user, reason or evidence, or a too long user id or evidence
     */
    @Override
    public void freeze(String userId, FreezeCause cause, String reason, String evidenceRef) {
        require(userId, "userId", MAX_USER_ID);
        require(evidenceRef, "evidenceRef", MAX_EVIDENCE_REF);
        if (cause == null || reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a freeze needs a cause and a reason");
        }
        if (freezes.find(userId, cause, evidenceRef).isPresent()) {
            return;
        }
        CreditLineFreeze freeze = new CreditLineFreeze(UUID.randomUUID().toString(), userId, cause, shortened(reason.strip()),
                evidenceRef, clock.instant(), null, null);
        tx.executeWithoutResult(status -> {
            try {
                savepoint.executeWithoutResult(inner -> freezes.insert(freeze));
            } catch (DuplicateKeyException concurrent) {
                log.info("{} freeze of {} for {} was recorded concurrently", cause, userId, evidenceRef);
                return;
            }
            log.info("credit line of {} frozen ({}, evidence {}): {}", userId, cause, evidenceRef, freeze.reason());
            metrics.frozen(cause);
            // what follows a freeze runs here, in this transaction: a RISK freeze opens an Unfreeze case
            // (unfreeze.RiskFreezeOpensUnfreezeCase)
            events.publishEvent(new CreditLineFrozen(freeze));
        });
    }

    /**
     * Lifts every active freeze of the user with this cause, e.g. by hand in the sandbox. The account stays frozen while
     * freezes of another cause remain. Idempotent: returns how many were lifted (0 when none was active). RISK freezes
     * are normally lifted by the Unfreeze review; lifting them here leaves an open review case to run out (a proof is
     * then refused: not frozen). An overdue case lifts only its own freeze: {@link #lift(String, FreezeCause, String, String)}.
     */
    public int lift(String userId, FreezeCause cause, String reason) {
        return lift(userId, cause, null, reason);
    }

    /**
     * Lifts the user's freeze of this cause recorded for {@code evidenceRef} (null: every freeze of the cause), e.g. the
     * OVERDUE freeze of one overdue case when it is repaid in full: another case's freeze, and freezes of another
     * cause, stay. Idempotent: returns how many were lifted (0 when none was active). Joins the caller's transaction.
     */
    public int lift(String userId, FreezeCause cause, String evidenceRef, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("lifting a freeze needs a reason");
        }
        int lifted = freezes.lift(userId, cause, evidenceRef, shortened(reason.strip()), clock.instant(), null);
        if (lifted > 0) {
            metrics.lifted(cause, lifted);
            log.info("{} {} freeze(s) of {} lifted{}: {}", lifted, cause, userId,
                    evidenceRef == null ? "" : " (evidence " + evidenceRef + ")", reason);
        }
        return lifted;
    }

    /** The user's freezes not lifted yet, oldest first (the account view). */
    public List<CreditLineFreeze> active(String userId) {
        return freezes.active(userId);
    }

    private static void require(String value, String name, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw new IllegalArgumentException(name + " must have 1 to " + max + " characters, not " + value);
        }
    }

    private static String shortened(String reason) {
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 1) + "…";
    }
}
