package com.bindflow.shared;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The one clock of the application: the process engine's clock. Timers, due dates and every rule that reads
 * the time agree with each other, and the sandbox test clock moves all of them at once.
 */
public final class EngineClock extends Clock {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final ZoneId zone;

    public EngineClock() {
        this(CHINA);
    }

    private EngineClock(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new EngineClock(zone);
    }

    @Override
    public Instant instant() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}
