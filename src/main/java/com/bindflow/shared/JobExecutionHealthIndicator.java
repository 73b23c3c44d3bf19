package com.bindflow.shared;

import java.time.Instant;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Readiness of this node's job executor ({@code jobExecution}): UP while it is active and its acquisition thread
 * runs; DOWN when it stopped or its acquisition thread died (the node would take requests whose jobs nobody runs).
 * A node whose job execution is switched off ({@code camunda.bpm.job-execution.enabled: false}) is UP with
 * {@code enabled: false}: that is its configuration, the other nodes run the jobs.
 */
@Component("jobExecution")
public class JobExecutionHealthIndicator extends AbstractHealthIndicator {

    private final ObjectProvider<JobExecutor> jobExecutor;
    private final JobExecutionGate gate;

    public JobExecutionHealthIndicator(ObjectProvider<JobExecutor> jobExecutor, JobExecutionGate gate) {
        super("job executor health check failed");
        this.jobExecutor = jobExecutor;
        this.gate = gate;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        JobExecutor executor = jobExecutor.getIfAvailable();
        if (executor == null) {
            health.up().withDetail("enabled", false);
            return;
        }
        boolean acquiring = !(executor instanceof GatedJobExecutor gated) || gated.acquisitionThreadAlive();
        (executor.isActive() && acquiring ? health.up() : health.down())
                .withDetail("enabled", true)
                .withDetail("active", executor.isActive())
                .withDetail("acquisitionThreadAlive", acquiring)
                .withDetail("batchesInFlight", gate.batchesInFlight());
        long last = gate.lastAcquisitionMillis();
        if (last > 0) {
            health.withDetail("lastAcquisitionStarted", Instant.ofEpochMilli(last).toString());
        }
    }
}
