package com.bindflow.payment;

import com.bindflow.credit.BaitiaoAccount;
import com.bindflow.credit.JdFinanceAccounts;
import com.bindflow.freeze.CreditLineFreezes;
import com.bindflow.freeze.FreezeCause;
import com.bindflow.risk.RiskFacts;
import com.bindflow.risk.RiskProperties;
import com.bindflow.shared.EngineClock;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/**
 * What a payment decision looks at, read for one attempt of one customer (under their ledger lock): the binding,
 * asked through the {@link CustomerBindings} port; whether the credit line is frozen; the customer's earlier attempts;
 * their ledger figures; and, for a cross-border order only, JD Finance's permission. Reads only.
 */
@Component
public class PaymentFacts {

    private final CustomerBindings bindings;
    private final CreditLineFreezes freezes;
    private final JdFinanceAccounts accounts;
    private final AuthorizationRepository authorizations;
    private final RiskProperties riskProperties;
    private final PaymentProperties properties;

    public PaymentFacts(CustomerBindings bindings, CreditLineFreezes freezes, JdFinanceAccounts accounts,
                        AuthorizationRepository authorizations, RiskProperties riskProperties, PaymentProperties properties) {
        this.bindings = bindings;
        this.freezes = freezes;
        this.accounts = accounts;
        this.authorizations = authorizations;
        this.riskProperties = riskProperties;
        this.properties = properties;
    }

    /** What is asked to pay: the same for a new request and for a step-up being answered. */
    public record Attempt(String userId, Scenario scenario, BigDecimal amount, PayeeType payeeType, String purpose,
                          String city) {

        static Attempt of(PaymentRequest r) {
            return new Attempt(r.userId(), r.scenario(), r.amount(), r.payeeType(), r.purpose(), r.city());
        }

        static Attempt of(Authorization a) {
            return new Attempt(a.userId(), a.scenario(), a.amount(), a.payeeType(), a.purpose(), a.city());
        }
    }

    /** The facts of one attempt: the binding (null when none), frozen or not, and the inputs of risk and limits. */
    public record Facts(CustomerBindings.CustomerBinding binding, boolean frozen, RiskFacts risk,
                        PaymentLimits.Facts limits) {

        String bindingId() {
            return binding == null ? null : binding.bindingId();
        }
    }

    /**
     * JD Finance's current word on the cross-border permission, asked only for a cross-border order (and before any
     * lock is taken); a 404 for a user JD Finance does not know.
     */
    public boolean crossBorderPermission(String userId, Scenario scenario) {
        return scenario == Scenario.CROSS_BORDER && account(userId).crossBorderPermission();
    }

    /** JD Finance's available credit, which a customer's ledger starts from; a 404 for a user JD Finance does not know. */
    public BigDecimal jdFinanceAvailableCredit(String userId) {
        return account(userId).availableCredit().setScale(2);
    }

    /** The facts of the attempt now, with the customer's ledger figures (locked by the caller) and the day it counts to. */
    public Facts of(Attempt attempt, PaymentLedger.Entry figures, boolean crossBorderPermission, Instant now,
                    LocalDate day) {
        CustomerBindings.CustomerBinding binding = bindings.openBindingOf(attempt.userId()).orElse(null);
        boolean frozen = freezes.isFrozen(attempt.userId());
        Instant activatedAt = binding == null ? null : binding.activatedAt();
        AuthorizationRepository.CustomerHistory history = history(attempt, now, day, activatedAt);
        BigDecimal headroom = properties.wechatExposureLimit().subtract(figures.wechatExposure());
        RiskFacts risk = new RiskFacts(attempt.userId(), attempt.scenario().name(), attempt.amount(),
                attempt.city().trim(), now, frozen, binding == null ? null : binding.status(), activatedAt,
                figures.availableCredit(), headroom, history.risk());
        PaymentLimits.Facts limits = new PaymentLimits.Facts(attempt.scenario(), attempt.amount(), attempt.payeeType(),
                attempt.purpose(), crossBorderPermission, history.offlineApprovedToday(), figures.availableCredit(),
                headroom, binding == null ? null : binding.perTransactionCap());
        return new Facts(binding, frozen, risk, limits);
    }

    private AuthorizationRepository.CustomerHistory history(Attempt attempt, Instant now, LocalDate day,
                                                            Instant activatedAt) {
        // the burst counts from the binding's activation, or from the last lifted risk freeze if later: scans an
        // Unfreeze review has already judged do not freeze the line again (asked only while the burst window is open:
        // after it, nothing is counted, and most payments skip the query)
        boolean burstWindowOpen = activatedAt != null && now.isBefore(activatedAt.plus(riskProperties.burst().window()));
        Instant countFrom = burstWindowOpen ? freezes.lastLifted(attempt.userId(), FreezeCause.RISK).orElse(null) : null;
        return authorizations.history(attempt.userId(), attempt.city(), now, day,
                day.atStartOfDay(EngineClock.CHINA).toInstant(), activatedAt, countFrom, riskProperties);
    }

    private BaitiaoAccount account(String userId) {
        return accounts.find(userId).orElseThrow(() -> JdFinanceAccounts.unknownUser(userId));
    }
}
