package com.bindflow.shared;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps two runners of the engine's jobs on one node from running the same job at once: the job executor (in the
 * background) and whoever runs due jobs in its own thread ({@link DueJobs}: the sandbox test clock, the tests).
 *
 * <p>Who runs due work itself does it {@link #exclusively(Supplier)}: the gate closes, so the job executor acquires no
 * new job (its acquisition waits at the gate, {@link GatedJobExecutor}), and the work starts only when every batch of
 * jobs the executor acquired before has finished. When the work is done the gate opens and the executor is woken up.
 * While the gate is closed, a clock that moves cannot make a job's lock look expired to the executor either (a lock
 * runs out by the engine clock). Reentrant for the thread that holds it; one holder at a time.
 *
 * <p>Per node and in memory: on several nodes the engine's own job locks keep the executors apart, and the test clock
 * is sandbox-only and meant for one node. Without a job executor (tests) the gate only orders the callers.
 */
@Component
public class JobExecutionGate {

    private static final Logger log = LoggerFactory.getLogger(JobExecutionGate.class);
    /** The longest the holder waits for the executor's batches in flight; then it goes on (and says so). */
    static final Duration MAX_WAIT_FOR_EXECUTOR = Duration.ofSeconds(60);

    private final Object monitor = new Object();
    private Thread holder;
    private int holds;
    private int acquiring;
    private int batchesInFlight;
    private volatile Runnable onOpen = () -> { };
    private volatile long lastAcquisitionMillis;

    /** Runs {@code work} while the job executor acquires and runs nothing; waits for its batches in flight first. */
    public <T> T exclusively(Supplier<T> work) {
        close();
        try {
            return work.get();
        } finally {
            open();
        }
    }

    private void close() {
        Thread me = Thread.currentThread();
        synchronized (monitor) {
            if (holder == me) {
                holds++;
                return;
            }
            boolean interrupted = false;
            while (holder != null) {
                try {
                    monitor.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            holder = me;
            holds = 1;
            long deadline = System.nanoTime() + MAX_WAIT_FOR_EXECUTOR.toNanos();
            while (acquiring > 0 || batchesInFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    log.warn("the job executor's {} batch(es) still run after {}; due work goes on beside them",
                            batchesInFlight, MAX_WAIT_FOR_EXECUTOR);
                    break;
                }
                try {
                    monitor.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                me.interrupt();
            }
        }
    }

    private void open() {
        boolean opened = false;
        synchronized (monitor) {
            if (--holds == 0) {
                holder = null;
                monitor.notifyAll();
                opened = true;
            }
        }
        if (opened) {
            onOpen.run();
        }
    }

    // ---- the job executor's side -------------------------------------------------------------------------------------

    /** What to do when the gate opens (wake the job executor's acquisition up). */
    void onOpen(Runnable action) {
        this.onOpen = action;
    }

    /**
     * The acquisition asks to acquire jobs: waits while the gate is closed (checking {@code stopped} now and then);
     * false when stopped meanwhile. Every true is followed by {@link #acquisitionDone()}.
     */
    boolean enterAcquisition(BooleanSupplier stopped) {
        synchronized (monitor) {
            boolean interrupted = false;
            while (holder != null && !stopped.getAsBoolean()) {
                try {
                    monitor.wait(200);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (stopped.getAsBoolean()) {
                return false;
            }
            acquiring++;
            lastAcquisitionMillis = System.currentTimeMillis();
            return true;
        }
    }

    /** The acquisition has handed every acquired batch to the executor's threads (or failed). */
    void acquisitionDone() {
        synchronized (monitor) {
            acquiring--;
            monitor.notifyAll();
        }
    }

    /** A batch of acquired jobs is handed to the executor's threads (during an acquisition). */
    void batchSubmitted() {
        synchronized (monitor) {
            batchesInFlight++;
        }
    }

    /** A batch has run (or was rejected by the executor's threads). */
    void batchDone() {
        synchronized (monitor) {
            batchesInFlight--;
            monitor.notifyAll();
        }
    }

    /** When the job executor last started an acquisition (0: never): the readiness check reads it. */
    public long lastAcquisitionMillis() {
        return lastAcquisitionMillis;
    }

    /** Batches of jobs the executor's threads run or have queued now. */
    public int batchesInFlight() {
        synchronized (monitor) {
            return batchesInFlight;
        }
    }
}
