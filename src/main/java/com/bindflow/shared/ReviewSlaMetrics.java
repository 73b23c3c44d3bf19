package com.bindflow.shared;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.spring.boot.starter.event.ExecutionEvent;
import org.springframework.context.event.EventListener;

/**
 * A review's SLA in metrics, read from the engine's execution events (Camunda's Spring eventing) and counted when they
 * commit: {@value #SLA_BREACHES} when the review's SLA timer fires undecided, {@value #ESCALATIONS} when the escalated
 * task starts; tag {@code review}. One subclass per reviewing capability names its process and activities.
 */
public abstract class ReviewSlaMetrics {

    public static final String SLA_BREACHES = "bindflow.review.sla.breaches";
    public static final String ESCALATIONS = "bindflow.review.escalations";

    private final MeterRegistry meters;
    private final String review;
    private final String processDefinitionPrefix;
    private final String slaTimerId;
    private final String escalatedTaskId;

    protected ReviewSlaMetrics(MeterRegistry meters, String review, String processId, String slaTimerId,
                               String escalatedTaskId) {
        this.meters = meters;
        this.review = review;
        this.processDefinitionPrefix = processId + ":";
        this.slaTimerId = slaTimerId;
        this.escalatedTaskId = escalatedTaskId;
    }

    @EventListener(condition = "#event.eventName == 'start'")
    public void onActivityStart(ExecutionEvent event) {
        if (event.getProcessDefinitionId() == null || !event.getProcessDefinitionId().startsWith(processDefinitionPrefix)) {
            return;
        }
        String activity = String.valueOf(event.getCurrentActivityId());
        String metric = activity.equals(slaTimerId) ? SLA_BREACHES : activity.equals(escalatedTaskId) ? ESCALATIONS : null;
        if (metric != null) {
            AfterCommit.run(() -> Counter.builder(metric).tag("review", review).register(meters).increment());
        }
    }
}
