package com.bindflow.freeze;

import com.bindflow.shared.AfterCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** {@code bindflow.credit.freezes} and {@code bindflow.credit.unfreezes} (tag cause), counted when they commit. */
@Component
public class FreezeMetrics {

    public static final String FREEZES = "bindflow.credit.freezes";
    public static final String UNFREEZES = "bindflow.credit.unfreezes";

    private final MeterRegistry meters;

    public FreezeMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void frozen(FreezeCause cause) {
        AfterCommit.run(() -> Counter.builder(FREEZES).description("credit lines frozen").tag("cause", cause.name())
                .register(meters).increment());
    }

    void lifted(FreezeCause cause, int count) {
        AfterCommit.run(() -> Counter.builder(UNFREEZES).description("freezes lifted").tag("cause", cause.name())
                .register(meters).increment(count));
    }
}
