package com.bindflow.shared;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Runs every job that is due by the engine clock, and the jobs those create, until none is left: what the job
 * executor would do, but now and in this thread. Used by the sandbox test clock and by tests. A job that fails is
 * left to the engine's retry handling (its retries drop, its due date moves on), exactly as in the job executor. The
 * job executor of this node runs nothing meanwhile ({@link JobExecutionGate}).
 */
@Component
@Order(DueWork.JOBS)
public class DueJobs implements DueWork {

    private static final Logger log = LoggerFactory.getLogger(DueJobs.class);
    private static final int MAX_JOBS = 10_000;

    private final ManagementService management;
    private final JobExecutionGate gate;

    public DueJobs(ManagementService management, JobExecutionGate gate) {
        this.management = management;
        this.gate = gate;
    }

    @Override
    public int runDue() {
        return runAll();
    }

    /**
     * Executes due jobs until none is due; returns how many ran (failures included). Through the
     * {@link JobExecutionGate}: the job executor runs none of them meanwhile.
     */
    public int runAll() {
        return gate.exclusively(this::runAllNow);
    }

    private int runAllNow() {
        int executed = 0;
        Set<String> failedNow = new HashSet<>();
        while (executed < MAX_JOBS) {
            List<Job> due = management.createJobQuery().executable().orderByJobDuedate().asc().listPage(0, 50)
                    .stream().filter(j -> !failedNow.contains(j.getId() + "#" + j.getRetries())).toList();
            if (due.isEmpty()) {
                return executed;
            }
            for (Job job : due) {
                executed++;
                try {
                    management.executeJob(job.getId());
                } catch (RuntimeException e) {
                    // the engine has recorded the failure (retries decremented, incident when none left)
                    failedNow.add(job.getId() + "#" + job.getRetries());
                    log.info("job {} failed: {}", job.getId(), e.getMessage());
                }
            }
        }
        log.warn("stopped after {} jobs: more keep falling due", MAX_JOBS);
        return executed;
    }
}
