package com.bindflow.sandbox.clock;

import com.bindflow.sandbox.SandboxOnly;
import com.bindflow.shared.DueWork;
import com.bindflow.shared.JobExecutionGate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The sandbox test clock: moves the engine clock forward (as payment providers' test clocks do) and does what falls due
 * before it answers, so timeouts and SLAs show in seconds. What falls due is every {@link DueWork} bean (production
 * code's interface: the engine's jobs, the WeChat notification inbox, and the sandbox WeChat's deliveries on their way),
 * run in their order until none has anything left. The offset from real time is kept in the database
 * ({@link ClockOffsets}) and followed by every node within a second, and applied again at start, so a restart does not
 * move time back. Sandbox only.
 */
@Component
@SandboxOnly
public class TestClock {

    private static final Logger log = LoggerFactory.getLogger(TestClock.class);

    /** Real time, only to express the engine clock as an offset from it. */
    private final Clock realTime = Clock.systemUTC();
    private final ClockOffsets offsets;
    private final ObjectProvider<DueWork> dueWork;

    private final JobExecutionGate gate;

    public TestClock(ClockOffsets offsets, ObjectProvider<DueWork> dueWork, JobExecutionGate gate) {
        this.offsets = offsets;
        this.dueWork = dueWork;
        this.gate = gate;
    }

    public record Reading(Instant now, Duration offset, int jobsExecuted) {
    }

    @EventListener(ApplicationReadyEvent.class)
    public void restoreOffset() {
        long offset = offsets.follow();
        if (offset != 0) {
            log.warn("sandbox test clock: engine time is {} ahead of real time", Duration.ofMillis(offset));
        }
    }

    /**
     * Moves the engine clock forward by {@code by} (never back) and runs every job that falls due; the job executor
     * runs nothing meanwhile ({@link JobExecutionGate}), so no job runs twice and no lock looks expired by the move.
     */
    public synchronized Reading advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the test clock only moves forward");
        }
        return gate.exclusively(() -> moveAndRunDue(by));
    }

    private Reading moveAndRunDue(Duration by) {
        offsets.catchUp();
        Instant target = ClockUtil.getCurrentTime().toInstant().plus(by);
        long offset = target.toEpochMilli() - realTime.millis();
        offsets.store(offset);
        ClockUtil.offset(offset);
        offsets.applied(offset);
        int executed = runDue();
        return new Reading(ClockUtil.getCurrentTime().toInstant(), Duration.ofMillis(offset), executed);
    }

    /**
     * Does what is due now (every {@link DueWork}, in order: WeChat's notifications on their way, jobs, the inbox), and
     * what those start in turn, until nothing is left. Returns how many jobs and notifications were handled. The job
     * executor of this node runs nothing meanwhile ({@link JobExecutionGate}).
     */
    public int runDue() {
        return gate.exclusively(this::runDueNow);
    }

    private int runDueNow() {
        List<DueWork> work = dueWork.orderedStream().toList();
        int executed = 0;
        int done;
        do {
            done = 0;
            for (DueWork w : work) {
                done += w.runDue();
            }
            executed += done;
        } while (done > 0);
        return executed;
    }

    public Reading read() {
        return new Reading(ClockUtil.getCurrentTime().toInstant(), Duration.ofMillis(offsets.stored()), 0);
    }
}
