package com.bindflow.unfreeze;

import com.bindflow.shared.ReviewSlaMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The travel-proof review's SLA in metrics ({@code review=unfreeze}): a breach when {@code bindflow.unfreeze.review-sla}
 * passes undecided, an escalation when risk supervisors get the review.
 */
@Component
public class UnfreezeReviewMetrics extends ReviewSlaMetrics {

    public UnfreezeReviewMetrics(MeterRegistry meters) {
        super(meters, "unfreeze", UnfreezeProcess.PROCESS_ID, UnfreezeProcess.TIMER_REVIEW_SLA,
                UnfreezeProcess.TASK_ESCALATED_REVIEW);
    }
}
