package com.bindflow.sandbox;

import com.bindflow.shared.DueJobs;
import com.bindflow.wechat.SandboxWeChatNotifier;
import com.bindflow.wechat.WeChatNotificationInbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The sandbox test clock: moves the engine clock forward (as payment providers' test clocks do) and fires what
 * falls due before it answers (jobs, and WeChat notifications waiting in the inbox), so timeouts and SLAs show in seconds. The offset from real time is kept in the
 * database and applied again at start, so a restart does not move time back.
 * Sandbox only, meant for one node: other nodes would read the offset only at their next start.
 */
@Component
@SandboxOnly
public class TestClock {

    private static final Logger log = LoggerFactory.getLogger(TestClock.class);

    /** Real time, only to express the engine clock as an offset from it. */
    private final Clock realTime = Clock.systemUTC();
    private final JdbcTemplate jdbc;
    private final DueJobs dueJobs;
    private final WeChatNotificationInbox wechatInbox;
    private final SandboxWeChatNotifier wechatNotifier;

    public TestClock(JdbcTemplate jdbc, DueJobs dueJobs, WeChatNotificationInbox wechatInbox,
                     SandboxWeChatNotifier wechatNotifier) {
        this.jdbc = jdbc;
        this.dueJobs = dueJobs;
        this.wechatInbox = wechatInbox;
        this.wechatNotifier = wechatNotifier;
    }

    public record Reading(Instant now, Duration offset, int jobsExecuted) {
    }

    @EventListener(ApplicationReadyEvent.class)
    public void restoreOffset() {
        long offset = storedOffset();
        if (offset != 0) {
            ClockUtil.offset(offset);
            log.warn("sandbox test clock: engine time is {} ahead of real time", Duration.ofMillis(offset));
        }
    }

    /** Moves the engine clock forward by {@code by} (never back) and runs every job that falls due. */
    public synchronized Reading advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the test clock only moves forward");
        }
        Instant target = ClockUtil.getCurrentTime().toInstant().plus(by);
        long offset = target.toEpochMilli() - realTime.millis();
        if (jdbc.update("update sandbox_clock set offset_millis = ? where id = 1", offset) == 0) {
            jdbc.update("insert into sandbox_clock (id, offset_millis) values (1, ?)", offset);
        }
        ClockUtil.offset(offset);
        int executed = runDue();
        return new Reading(ClockUtil.getCurrentTime().toInstant(), Duration.ofMillis(offset), executed);
    }

    /**
     * Runs what is due now: jobs, WeChat's notifications on their way, the inbox, and what those start in turn,
     * until nothing is left. Returns how many jobs and notifications were handled.
     */
    public int runDue() {
        int executed = 0;
        int done;
        do {
            wechatNotifier.awaitDeliveries(Duration.ofSeconds(30));
            done = dueJobs.runAll() + wechatInbox.processPending();
            executed += done;
        } while (done > 0);
        return executed;
    }

    public Reading read() {
        return new Reading(ClockUtil.getCurrentTime().toInstant(), Duration.ofMillis(storedOffset()), 0);
    }

    private long storedOffset() {
        return jdbc.queryForList("select offset_millis from sandbox_clock where id = 1", Long.class).stream()
                .findFirst().orElse(0L);
    }
}
