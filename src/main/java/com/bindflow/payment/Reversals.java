package com.bindflow.payment;

import com.bindflow.shared.ApiProblem;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reversal (a refund) of an APPROVED authorization: its amount goes back to available credit and leaves the WeChat
 * exposure, and a reversed offline scan no longer counts towards its day's total. Allowed on a frozen account.
 */
@Service
public class Reversals {

    private final AuthorizationRepository authorizations;
    private final PaymentLedger ledger;
    private final StepUps stepUps;
    private final Clock clock;
    private final TransactionTemplate tx;

    public Reversals(AuthorizationRepository authorizations, PaymentLedger ledger, StepUps stepUps, Clock clock,
                     PlatformTransactionManager transactionManager) {
        this.authorizations = authorizations;
        this.ledger = ledger;
        this.stepUps = stepUps;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactionManager);
    }

    /**
     * Reverses the whole amount. Idempotent: a second reversal changes nothing and answers the same ({@code replayed}).
     */
    public PaymentAuthorizationService.Result reverse(String id) {
        Authorization found = stepUps.current(authorizations.find(id)
                .orElseThrow(() -> PaymentAuthorizationService.notFound(id)));
        if (found.reversedAt() != null) {
            return new PaymentAuthorizationService.Result(found, true);
        }
        if (found.decision() != Decision.APPROVED) {
            throw ApiProblem.conflict("NOT_REVERSIBLE", "Authorization " + id + " is " + found.decision()
                    + "; only an APPROVED authorization can be reversed.").with("currentDecision", found.decision().name());
        }
        return tx.execute(s -> {
            ledger.lock(found.userId()).orElseThrow();
            Instant now = clock.instant();
            if (!authorizations.markReversed(id, now)) {
                return new PaymentAuthorizationService.Result(authorizations.find(id).orElseThrow(), true);
            }
            ledger.giveBack(found.userId(), found.amount(), now);
            return new PaymentAuthorizationService.Result(authorizations.find(id).orElseThrow(), false);
        });
    }
}
