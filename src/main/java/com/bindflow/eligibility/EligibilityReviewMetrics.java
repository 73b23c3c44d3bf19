package com.bindflow.eligibility;

import com.bindflow.shared.AfterCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.spring.boot.starter.event.ExecutionEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The eligibility review's SLA in metrics, read from the engine's execution events (Camunda's Spring eventing), when
 * they commit: {@code bindflow.review.sla.breaches} when the review's 3 working days pass undecided, and
 * {@code bindflow.review.escalations} when customer service gets the follow-up; tag {@code review=eligibility}.
 */
@Component
public class EligibilityReviewMetrics {

    public static final String SLA_BREACHES = "bindflow.review.sla.breaches";
    public static final String ESCALATIONS = "bindflow.review.escalations";
    static final String REVIEW = "eligibility";

    private final MeterRegistry meters;

    public EligibilityReviewMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @EventListener(condition = "#event.eventName == 'start'")
    public void onActivityStart(ExecutionEvent event) {
        if (event.getProcessDefinitionId() == null
                || !event.getProcessDefinitionId().startsWith(EligibilityProcess.PROCESS_ID + ":")) {
            return;
        }
        String metric = switch (String.valueOf(event.getCurrentActivityId())) {
            case EligibilityProcess.TIMER_REVIEW_SLA -> SLA_BREACHES;
            case EligibilityProcess.TASK_FOLLOW_UP -> ESCALATIONS;
            default -> null;
        };
        if (metric != null) {
            AfterCommit.run(() -> Counter.builder(metric).tag("review", REVIEW).register(meters).increment());
        }
    }
}
