package com.bindflow.shared;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;

/**
 * A review's SLA in metrics: {@value #SLA_BREACHES} when the review's SLA timer fires undecided, {@value #ESCALATIONS}
 * when the escalated task starts; tag {@code review}. One subclass per reviewing capability names its process and
 * activities; {@link ReviewSlaMetricsPlugin} attaches an execution listener to just those two activities when the
 * process is deployed (no engine-wide eventing: the starter's Spring events are off, they cost every step CPU), and the
 * count is taken when the transaction commits.
 */
public abstract class ReviewSlaMetrics {

    public static final String SLA_BREACHES = "bindflow.review.sla.breaches";
    public static final String ESCALATIONS = "bindflow.review.escalations";

    private final MeterRegistry meters;
    private final String review;
    private final String processId;
    private final String slaTimerId;
    private final String escalatedTaskId;

    protected ReviewSlaMetrics(MeterRegistry meters, String review, String processId, String slaTimerId,
                               String escalatedTaskId) {
        this.meters = meters;
        this.review = review;
        this.processId = processId;
        this.slaTimerId = slaTimerId;
        this.escalatedTaskId = escalatedTaskId;
    }

    /** Attaches the counting listeners to this review's activities of {@code process}, if it is this review's. */
    void attachTo(ProcessDefinitionEntity process) {
        if (!processId.equals(process.getKey())) {
            return;
        }
        attach(process, slaTimerId, SLA_BREACHES);
        attach(process, escalatedTaskId, ESCALATIONS);
    }

    private void attach(ProcessDefinitionEntity process, String activityId, String metric) {
        ActivityImpl activity = process.findActivity(activityId);
        if (activity == null) {
            throw new IllegalStateException(process.getKey() + " has no activity " + activityId + " for " + metric);
        }
        ExecutionListener count = execution -> AfterCommit.run(
                () -> Counter.builder(metric).tag("review", review).register(meters).increment());
        activity.addListener(ExecutionListener.EVENTNAME_START, count);
    }
}
