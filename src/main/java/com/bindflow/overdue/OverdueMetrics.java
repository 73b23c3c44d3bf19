package com.bindflow.overdue;

import com.bindflow.channel.Channel;
import com.bindflow.shared.AfterCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code bindflow.overdue.cases.opened} (tag channel) and {@code bindflow.overdue.penalties} (the penalty posted, in
 * CNY: a counter of yuan, base unit {@code cny}, tag channel; the exact figures are the ledger's), counted when they
 * commit.
 */
@Component
public class OverdueMetrics {

    public static final String CASES_OPENED = "bindflow.overdue.cases.opened";
    public static final String PENALTIES = "bindflow.overdue.penalties";

    private final MeterRegistry meters;

    public OverdueMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void opened(Channel channel) {
        AfterCommit.run(() -> Counter.builder(CASES_OPENED).description("overdue cases opened")
                .tag("channel", channel.name()).register(meters).increment());
    }

    void posted(Channel channel, List<Accrual> accruals) {
        BigDecimal total = accruals.stream().map(Accrual::penalty).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (total.signum() > 0) {
            AfterCommit.run(() -> Counter.builder(PENALTIES).description("overdue penalties posted").baseUnit("cny")
                    .tag("channel", channel.name()).register(meters).increment(total.doubleValue()));
        }
    }
}
