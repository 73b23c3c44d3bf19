package com.bindflow.shared;

/**
 * Work that falls due by the engine clock and is normally picked up in the background (the job executor, the WeChat
 * notification inbox poller), done now and in the calling thread. The sandbox test clock runs every bean of this type,
 * in their {@link org.springframework.core.annotation.Order}, after it moved the clock, and again until none has
 * anything left; the tests do the same. Production code defines it, so the test clock reaches the work it runs without
 * knowing who does it.
 */
public interface DueWork {

    /** {@link org.springframework.core.annotation.Order} of work that feeds the others (deliveries on their way). */
    int FIRST = 0;
    /** {@link org.springframework.core.annotation.Order} of the engine's jobs. */
    int JOBS = 10;
    /** {@link org.springframework.core.annotation.Order} of work that takes what the jobs produced (the inbox). */
    int AFTER_JOBS = 20;

    /** Does what is due now; returns how many items it handled (0: nothing was due). */
    int runDue();
}
