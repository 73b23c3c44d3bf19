package com.bindflow.credit;

import java.math.BigDecimal;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The default {@link CreditExposure} until payments track it: none known. */
@Component
public class NoCreditExposure implements CreditExposure {

    @Override
    public Optional<WeChatExposure> of(String userId) {
        return Optional.empty();
    }

    @Override
    public Optional<BigDecimal> availableCredit(String userId) {
        return Optional.empty();
    }
}
