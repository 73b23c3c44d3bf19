package com.bindflow.benchmark;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A benchmark, not a test (surefire's default includes skip it): drives N complete bindings, POST /api/bindings
 * to ACTIVE, through the REST API only, against the embedded default (H2 file database under target/, job executor
 * and WeChat inbox poller on, sandbox WeChat notifications over HTTP), with C customers in parallel and no think
 * time. Prints bindings per second and the time of one binding. {@link EngineFloorBenchmark} sets it beside the
 * engine's floor and Camunda's defaults. Run:
 * <pre>./mvnw test -Dtest=BindingBenchmark -Dbenchmark.bindings=200 -Dbenchmark.parallel=8</pre>
 */
class BindingBenchmark {

    @Test
    void run() throws Exception {
        int bindings = Integer.getInteger("benchmark.bindings", 100);
        int parallel = Integer.getInteger("benchmark.parallel", 8);
        try (ConfigurableApplicationContext app = BenchmarkApp.start("benchmark", bindings + parallel, i -> false)) {
            BindingDriver driver = new BindingDriver(((WebServerApplicationContext) app).getWebServer().getPort());
            BindingDriver.Run run = driver.run(driver::bindflow, users(0, bindings), users(bindings, parallel), parallel);
            System.out.printf("%nBindingBenchmark: %d bindings to ACTIVE over REST, %d customers in parallel, %s%n",
                    bindings, parallel, BenchmarkApp.database());
            System.out.printf("  throughput      %.1f bindings/s (%.1f s in all, %d HTTP requests incl. polling)%n",
                    run.perSecond(), run.seconds(), run.requests());
            System.out.printf("  one binding     median %d ms, p90 %d ms, p99 %d ms, max %d ms (POST /api/bindings to ACTIVE)%n",
                    run.p(0.5), run.p(0.9), run.p(0.99), run.p(1.0));
            System.out.printf("  load average    %.1f%n%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static List<String> users(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(i -> "bench-" + i).collect(Collectors.toList());
    }
}
