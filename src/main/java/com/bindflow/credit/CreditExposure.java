package com.bindflow.credit;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * What the payments side knows of the customer's credit: the exposure on the WeChat channel (SPEC.md section 5:
 * tracked and limited separately from the base credit) and the credit still available once its approvals are taken
 * off. The payments side provides the bean (marked {@code @Primary}); without it {@link NoCreditExposure} answers
 * empty and JD Finance's figure stands. Read through {@link AvailableCredit} for the one figure everyone uses.
 */
public interface CreditExposure {

    /** The available credit after the payments' approvals and reversals; empty when payments have no figure yet. */
    Optional<BigDecimal> availableCredit(String userId);

    Optional<WeChatExposure> of(String userId);

    /** Outstanding on the WeChat channel and its separate limit, in yuan (scale 2). */
    record WeChatExposure(BigDecimal outstanding, BigDecimal limit) {

        public BigDecimal available() {
            return limit.subtract(outstanding).max(BigDecimal.ZERO.setScale(2));
        }
    }
}
