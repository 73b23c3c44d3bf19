package com.bindflow.unfreeze;

import com.bindflow.freeze.CreditLineFrozen;
import com.bindflow.freeze.FreezeCause;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A step of its own, named as SPEC section 5 says it: a RISK freeze opens an Unfreeze case. When a RISK freeze is
 * recorded (by the payments' risk pipeline, or by hand in the sandbox), the user's Unfreeze case is opened and its
 * process started, unless an open case covers it already — in the transaction that recorded the freeze, so the case
 * commits or rolls back with it. An OVERDUE freeze opens nothing: repaying the overdue lifts it.
 */
@Component
public class RiskFreezeOpensUnfreezeCase {

    private final UnfreezeService unfreeze;

    public RiskFreezeOpensUnfreezeCase(UnfreezeService unfreeze) {
        this.unfreeze = unfreeze;
    }

    @EventListener
    public void riskFreezeOpensUnfreezeCase(CreditLineFrozen frozen) {
        if (frozen.freeze().cause() == FreezeCause.RISK) {
            unfreeze.openCaseIfNeeded(frozen.freeze().userId(), frozen.freeze().id());
        }
    }
}
