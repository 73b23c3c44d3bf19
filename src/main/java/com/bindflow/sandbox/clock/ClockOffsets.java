package com.bindflow.sandbox.clock;

import com.bindflow.sandbox.SandboxOnly;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Where the sandbox test clock's offset from real time lives: the table {@code sandbox_clock}, one row for the whole
 * cluster. The node that moves the clock stores it; every node applies what is stored to its engine clock every second
 * ({@link ClusterSync}), so moving the clock on one node moves it on all within a second, and a restart keeps it.
 */
@Component
@SandboxOnly
public class ClockOffsets {

    private static final Logger log = LoggerFactory.getLogger(ClockOffsets.class);

    private final JdbcTemplate jdbc;
    private final boolean followCluster;
    private long applied;

    /** {@code followCluster}: whether this node follows the stored offset (tests set the engine clock themselves). */
    public ClockOffsets(JdbcTemplate jdbc, @Value("${bindflow.sandbox.follow-cluster:true}") boolean followCluster) {
        this.jdbc = jdbc;
        this.followCluster = followCluster;
    }

    /** The stored offset in milliseconds (0 when the clock was never moved), read now. */
    public long stored() {
        return jdbc.queryForList("select offset_millis from sandbox_clock where id = 1", Long.class).stream()
                .findFirst().orElse(0L);
    }

    /** Stores the offset for every node. */
    public void store(long offsetMillis) {
        if (jdbc.update("update sandbox_clock set offset_millis = ? where id = 1", offsetMillis) == 0) {
            jdbc.update("insert into sandbox_clock (id, offset_millis) values (1, ?)", offsetMillis);
        }
    }

    /**
     * Applies the stored offset to this node's engine clock when it changed since this node last applied it; returns
     * the offset now in force.
     */
    public synchronized long follow() {
        long offset = stored();
        if (offset != applied) {
            ClockUtil.offset(offset);
            applied = offset;
            log.info("sandbox test clock: engine time follows the cluster's offset {} ms", offset);
        }
        return offset;
    }

    /**
     * Before this node moves the clock: its engine clock catches up with the cluster's first (another node may have
     * moved it less than a second ago), so the clock never moves back. Nothing when this node does not follow.
     */
    void catchUp() {
        if (followCluster) {
            follow();
        }
    }

    /** This node moved the clock itself: the offset it applied. */
    synchronized void applied(long offsetMillis) {
        this.applied = offsetMillis;
    }
}
