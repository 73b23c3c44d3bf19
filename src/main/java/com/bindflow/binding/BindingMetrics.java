package com.bindflow.binding;

import com.bindflow.channel.Channel;
import com.bindflow.shared.AfterCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The bindings' metrics, recorded when a status change commits: {@code bindflow.bindings.started} (channel),
 * {@code bindflow.bindings.ended} (channel, status, reason: the first reason code, {@code none} without one) and
 * {@code bindflow.binding.step} (a timer of the time spent in a status, tags step: the status left, and channel). Time
 * by the engine clock (the sandbox test clock moves it).
 */
@Component
public class BindingMetrics {

    public static final String STARTED = "bindflow.bindings.started";
    public static final String ENDED = "bindflow.bindings.ended";
    public static final String STEP = "bindflow.binding.step";

    private final MeterRegistry meters;

    public BindingMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void started(Channel channel) {
        AfterCommit.run(() -> Counter.builder(STARTED).description("bindings started")
                .tag("channel", channel.name()).register(meters).increment());
    }

    void statusChanged(Channel channel, BindingStatus from, Instant since, BindingStatus to, List<String> reasons,
                       Instant now) {
        AfterCommit.run(() -> {
            if (from != null && since != null && from != to && !now.isBefore(since)) {
                Timer.builder(STEP).description("time a binding spent in a status (step)")
                        .tag("step", from.name().toLowerCase(Locale.ROOT)).tag("channel", channel.name())
                        .register(meters).record(Duration.between(since, now));
            }
            if (to.ended()) {
                Counter.builder(ENDED).description("bindings ended, by status and first reason")
                        .tag("channel", channel.name()).tag("status", to.name())
                        .tag("reason", reasons == null || reasons.isEmpty() ? "none" : reasons.get(0))
                        .register(meters).increment();
            }
        });
    }
}
