package com.bindflow.eligibility;

import com.bindflow.shared.ReviewSlaMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The eligibility review's SLA in metrics ({@code review=eligibility}): a breach when its 3 working days pass
 * undecided, an escalation when customer service gets the follow-up.
 */
@Component
public class EligibilityReviewMetrics extends ReviewSlaMetrics {

    public EligibilityReviewMetrics(MeterRegistry meters) {
        super(meters, "eligibility", EligibilityProcess.PROCESS_ID, EligibilityProcess.TIMER_REVIEW_SLA,
                EligibilityProcess.TASK_FOLLOW_UP);
    }
}
