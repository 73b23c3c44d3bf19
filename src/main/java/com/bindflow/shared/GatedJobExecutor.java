package com.bindflow.shared;

import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.camunda.bpm.engine.impl.jobexecutor.JobAcquisitionContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobAcquisitionStrategy;
import org.camunda.bpm.engine.impl.jobexecutor.SequentialJobAcquisitionRunnable;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.springframework.core.task.TaskExecutor;

/**
 * Camunda's Spring job executor behind the {@link JobExecutionGate}: each acquisition cycle (acquiring jobs and handing
 * them to the threads) waits while the gate is closed, and the gate counts the batches of jobs in flight, so whoever
 * runs due jobs in its own thread starts only when the executor runs none and the executor acquires none meanwhile.
 * Otherwise exactly Camunda's {@code SpringJobExecutor}.
 */
public class GatedJobExecutor extends SpringJobExecutor {

    private final JobExecutionGate gate;

    public GatedJobExecutor(JobExecutionGate gate, TaskExecutor taskExecutor) {
        this.gate = gate;
        setTaskExecutor(taskExecutor);
        gate.onOpen(this::jobWasAdded);
    }

    @Override
    protected void ensureInitialization() {
        super.ensureInitialization();
        acquireJobsRunnable = new GatedAcquisition();
    }

    /** Whether the acquisition thread runs (the readiness check reads it). */
    public boolean acquisitionThreadAlive() {
        Thread thread = jobAcquisitionThread;
        return thread != null && thread.isAlive();
    }

    @Override
    public void executeJobs(List<String> jobIds, ProcessEngineImpl processEngine) {
        Runnable batch = getExecuteJobsRunnable(jobIds, processEngine);
        gate.batchSubmitted();
        try {
            getTaskExecutor().execute(() -> {
                try {
                    batch.run();
                } finally {
                    gate.batchDone();
                }
            });
        } catch (RejectedExecutionException e) {
            gate.batchDone();
            logRejectedExecution(processEngine, jobIds.size());
            rejectedJobsHandler.jobsRejected(jobIds, processEngine, this);
        }
    }

    /** Camunda's sequential acquisition, one cycle at a time through the gate. */
    private final class GatedAcquisition extends SequentialJobAcquisitionRunnable {

        /** Whether this cycle passed the gate (the acquisition runs in one thread). */
        private boolean entered;

        GatedAcquisition() {
            super(GatedJobExecutor.this);
        }

        @Override
        protected AcquiredJobs acquireJobs(JobAcquisitionContext context, JobAcquisitionStrategy strategy,
                                           ProcessEngineImpl engine) {
            if (!gate.enterAcquisition(() -> isInterrupted)) {
                return new AcquiredJobs(0);
            }
            entered = true;
            try {
                return super.acquireJobs(context, strategy, engine);
            } catch (RuntimeException e) {
                entered = false;
                gate.acquisitionDone();
                throw e;
            }
        }

        @Override
        protected void executeJobs(JobAcquisitionContext context, ProcessEngineImpl engine, AcquiredJobs acquiredJobs) {
            try {
                super.executeJobs(context, engine, acquiredJobs);
            } finally {
                if (entered) {
                    entered = false;
                    gate.acquisitionDone();
                }
            }
        }
    }
}
