package com.bindflow.benchmark;

import org.junit.jupiter.api.Test;

/**
 * A benchmark, not a test (surefire's default includes skip it): the payment benchmark's harness alone — 64 senders,
 * each sleeping until its request is due, 500 a second, calling nothing — in a JVM without the application. What it
 * measures is what the machine and the JVM's memory do to a thread that wakes up on time: on stop 23's machine, whose
 * kernel monitored physical memory with DAMON, a JVM with a 2 GB pre-touched ZGC heap stalled such threads (p99 about
 * 30 ms) while the same JVM with a small heap, or with the heap on huge pages, did not. Run with the flags to compare:
 * <pre>
 * ./mvnw test -Dtest=StallProbe -Dbenchmark.seconds=20 -Dbenchmark.rate=500 \
 *     -DargLine="-XX:+UseZGC -Xms2g -Xmx2g -XX:+AlwaysPreTouch"
 * </pre>
 */
class StallProbe {

    @Test
    void run() throws Exception {
        System.out.printf("%nStallProbe: %s%n  machine: %s%n", PaymentBenchmark.jvm(), MachineConditions.describe());
        PaymentBenchmark harness = new PaymentBenchmark();
        harness.openLoop("the harness alone, no application", n -> { }, harness.seconds());
    }
}
