package com.bindflow.operations;

import com.bindflow.security.BindflowGroups;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Gauges read from the engine: {@code bindflow.tasks.open} (open user tasks a staff group is a candidate for; tag
 * {@code group}) and {@code bindflow.incidents.open} (open incidents: failed jobs an operator retries in Cockpit). One
 * count query per group and one for incidents, at most once per {@code bindflow.metrics.engine-gauges-refresh} (15 s)
 * however often they are scraped.
 */
@Component
public class EngineGauges {

    public static final String OPEN_TASKS = "bindflow.tasks.open";
    public static final String OPEN_INCIDENTS = "bindflow.incidents.open";

    private final ProcessEngine engine;
    private final long refreshNanos;
    private Map<String, Long> counts = Map.of();
    private long readAt;
    private boolean read;

    public EngineGauges(ProcessEngine engine, MeterRegistry meters,
                        @Value("${bindflow.metrics.engine-gauges-refresh:PT15S}") Duration refresh) {
        this.engine = engine;
        this.refreshNanos = refresh.toNanos();
        for (String group : BindflowGroups.STAFF) {
            Gauge.builder(OPEN_TASKS, this, g -> g.count(group)).description("open user tasks by candidate group")
                    .tag("group", group).register(meters);
        }
        Gauge.builder(OPEN_INCIDENTS, this, g -> g.count(OPEN_INCIDENTS)).description("open incidents")
                .register(meters);
    }

    private synchronized double count(String key) {
        long now = System.nanoTime();
        if (!read || now - readAt >= refreshNanos) {
            Map<String, Long> fresh = new HashMap<>();
            for (String group : BindflowGroups.STAFF) {
                fresh.put(group, engine.getTaskService().createTaskQuery().taskCandidateGroup(group).count());
            }
            fresh.put(OPEN_INCIDENTS, engine.getRuntimeService().createIncidentQuery().count());
            counts = fresh;
            readAt = now;
            read = true;
        }
        return counts.getOrDefault(key, 0L);
    }
}
