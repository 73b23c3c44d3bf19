package com.bindflow.wechat.notification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The WeChat notifications' metrics: {@code bindflow.wechat.notifications.lag} (a timer: from a notification's arrival
 * to its handling committed, by the engine clock; tag {@code event}, WeChat's event type) and
 * {@code bindflow.wechat.notifications.duplicates} (a counter of notifications received again and ignored; tag
 * {@code event}).
 */
@Component
public class WeChatInboxMetrics {

    public static final String LAG = "bindflow.wechat.notifications.lag";
    public static final String DUPLICATES = "bindflow.wechat.notifications.duplicates";

    private final MeterRegistry meters;

    public WeChatInboxMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Metrics that go nowhere (an inbox of the tests' own). */
    static WeChatInboxMetrics none() {
        return new WeChatInboxMetrics(new SimpleMeterRegistry());
    }

    void handled(String eventType, Duration lag) {
        if (!lag.isNegative()) {
            Timer.builder(LAG).description("from a WeChat notification's arrival to its handling")
                    .tag("event", String.valueOf(eventType)).register(meters).record(lag);
        }
    }

    void duplicate(String eventType) {
        Counter.builder(DUPLICATES).description("WeChat notifications received again and ignored")
                .tag("event", String.valueOf(eventType)).register(meters).increment();
    }
}
