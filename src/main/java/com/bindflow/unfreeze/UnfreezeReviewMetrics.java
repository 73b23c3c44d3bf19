package com.bindflow.unfreeze;

import com.bindflow.shared.AfterCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.spring.boot.starter.event.ExecutionEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The travel-proof review's SLA in metrics, read from the engine's execution events (Camunda's Spring eventing), when
 * they commit: {@code bindflow.review.sla.breaches} when {@code bindflow.unfreeze.review-sla} passes undecided, and
 * {@code bindflow.review.escalations} when risk supervisors get the review; tag {@code review=unfreeze}.
 */
@Component
public class UnfreezeReviewMetrics {

    static final String SLA_BREACHES = "bindflow.review.sla.breaches";
    static final String ESCALATIONS = "bindflow.review.escalations";
    static final String REVIEW = "unfreeze";

    private final MeterRegistry meters;

    public UnfreezeReviewMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @EventListener(condition = "#event.eventName == 'start'")
    public void onActivityStart(ExecutionEvent event) {
        if (event.getProcessDefinitionId() == null
                || !event.getProcessDefinitionId().startsWith(UnfreezeProcess.PROCESS_ID + ":")) {
            return;
        }
        String metric = switch (String.valueOf(event.getCurrentActivityId())) {
            case UnfreezeProcess.TIMER_REVIEW_SLA -> SLA_BREACHES;
            case UnfreezeProcess.TASK_ESCALATED_REVIEW -> ESCALATIONS;
            default -> null;
        };
        if (metric != null) {
            AfterCommit.run(() -> Counter.builder(metric).tag("review", REVIEW).register(meters).increment());
        }
    }
}
