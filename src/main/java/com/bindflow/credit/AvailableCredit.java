package com.bindflow.credit;

import java.math.BigDecimal;
import org.springframework.stereotype.Component;

/**
 * The one figure of the customer's available credit, for every reader (the account view, the per-transaction cap of a
 * binding, the payment limits): the payments ledger's once the customer has paid (JD Finance's figure when first seen,
 * less approvals, plus reversals), JD Finance's figure before.
 */
@Component
public class AvailableCredit {

    private final JdFinanceAccounts accounts;
    private final CreditExposure payments;

    public AvailableCredit(JdFinanceAccounts accounts, CreditExposure payments) {
        this.accounts = accounts;
        this.payments = payments;
    }

    public BigDecimal of(BaitiaoAccount account) {
        return payments.availableCredit(account.userId()).orElse(account.availableCredit());
    }
}
