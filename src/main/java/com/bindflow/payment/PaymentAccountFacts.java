package com.bindflow.payment;

import com.bindflow.credit.CreditExposure;
import com.bindflow.risk.RiskProperties;
import com.bindflow.unfreeze.FreezeEvidence;
import com.bindflow.unfreeze.ReasonOnlyFreezeEvidence;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * What payments tell the account side: the WeChat-channel exposure for the account view, and the attempts behind a
 * RISK freeze for the risk reviewer's form (the freeze's evidence is the authorization that tripped the burst rule).
 */
@Component
public class PaymentAccountFacts {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));

    private final PaymentLedger ledger;
    private final AuthorizationRepository authorizations;
    private final PaymentProperties payments;
    private final RiskProperties risk;

    public PaymentAccountFacts(PaymentLedger ledger, AuthorizationRepository authorizations, PaymentProperties payments,
                               RiskProperties risk) {
        this.ledger = ledger;
        this.authorizations = authorizations;
        this.payments = payments;
        this.risk = risk;
    }

    @Component
    @Primary
    static class Exposure implements CreditExposure {

        private final PaymentAccountFacts facts;

        Exposure(PaymentAccountFacts facts) {
            this.facts = facts;
        }

        /** The ledger's exposure; 0.00 before the customer's first payment. */
        @Override
        public Optional<WeChatExposure> of(String userId) {
            BigDecimal outstanding = facts.ledger.find(userId).map(PaymentLedger.Entry::wechatExposure)
                    .orElse(BigDecimal.ZERO.setScale(2));
            return Optional.of(new WeChatExposure(outstanding, facts.payments.wechatExposureLimit()));
        }

        @Override
        public Optional<BigDecimal> availableCredit(String userId) {
            return facts.ledger.find(userId).map(PaymentLedger.Entry::availableCredit);
        }
    }

    @Component
    @Primary
    static class Evidence implements FreezeEvidence {

        private final PaymentAccountFacts facts;
        private final ReasonOnlyFreezeEvidence reasons;

        Evidence(PaymentAccountFacts facts, ReasonOnlyFreezeEvidence reasons) {
            this.facts = facts;
            this.reasons = reasons;
        }

        /**
         * The freeze's reason, then the tripping authorization and the attempts the burst rule counted before it (same scenario, at least its
         * minimum amount, within its window), one line each: Beijing time, city, amount, decision and reasons.
         */
        @Override
        public List<String> describe(String userId, String evidenceRef) {
            List<String> lines = new ArrayList<>(reasons.describe(userId, evidenceRef));
            Optional<Authorization> tripped = facts.authorizations.find(evidenceRef).filter(a -> a.userId().equals(userId));
            if (tripped.isEmpty()) {
                return lines;
            }
            Authorization last = tripped.get();
            RiskProperties.Burst burst = facts.risk.burst();
            for (Authorization a : facts.authorizations.attempts(userId, Scenario.valueOf(burst.scenario()),
                    burst.minAmount(), last.createdAt().minus(burst.window()), last.createdAt())) {
                lines.add(WHEN.format(a.createdAt()) + " " + a.city() + " " + a.scenario() + " " + a.amount().toPlainString()
                        + " CNY to " + a.payeeType() + " " + a.payeeId() + ": " + a.decision()
                        + (a.reasonCodes().isEmpty() ? "" : " (" + String.join(", ", a.reasonCodes()) + ")"));
            }
            return lines;
        }
    }
}
