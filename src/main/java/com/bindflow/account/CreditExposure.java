package com.bindflow.account;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The customer's exposure on the WeChat channel (SPEC.md section 5: tracked and limited separately from the base
 * credit), shown by {@code GET /api/accounts/{userId}}. The payments side tracks it and provides the bean (marked
 * {@code @Primary}); until then {@link NoCreditExposure} answers empty and the account view shows none.
 */
public interface CreditExposure {

    Optional<WeChatExposure> of(String userId);

    /** Outstanding on the WeChat channel and its separate limit, in yuan (scale 2). */
    record WeChatExposure(BigDecimal outstanding, BigDecimal limit) {

        public BigDecimal available() {
            return limit.subtract(outstanding).max(BigDecimal.ZERO.setScale(2));
        }
    }
}
