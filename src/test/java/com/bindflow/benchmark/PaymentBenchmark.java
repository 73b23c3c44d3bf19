package com.bindflow.benchmark;

import com.bindflow.payment.Decision;
import com.bindflow.payment.PayeeType;
import com.bindflow.payment.PaymentAuthorizationService;
import com.bindflow.payment.PaymentRequest;
import com.bindflow.payment.Scenario;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A benchmark, not a test (surefire's default includes skip it): payment authorizations per second and their latency,
 * in-process (the service) and over REST (HTTP Basic, JSON), on the embedded default (H2 file database under
 * target/), with a mix of scenarios and customers: C customers with an ACTIVE binding (activated 30 days ago), each
 * with a home city; 40% online, 35% offline scans (3% to personal codes), 15% virtual top-ups (some at 50 or more),
 * 5% transfers (some not for card repayment), 5% cross-border (10% of customers have the permission); 5% of payments
 * from another city. Each phase: first at a fixed rate (open loop: latency counts from when the request was due, so a
 * stall is not hidden), then as fast as T threads go (closed loop). Run:
 * <pre>./mvnw test -Dtest=PaymentBenchmark -Dbenchmark.rate=500 -Dbenchmark.seconds=20 -Dbenchmark.customers=20000</pre>
 */
class PaymentBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("jd-app:jd-app-secret".getBytes(StandardCharsets.UTF_8));
    private static final String[] CITIES = {"Shanghai", "Beijing", "Shenzhen", "Guangzhou", "Hangzhou", "Chengdu", "Wuhan",
            "Nanjing", "Xi'an", "Suzhou", "Tianjin", "Chongqing", "Qingdao", "Xiamen", "Changsha", "Hefei"};

    private final int customers = Integer.getInteger("benchmark.customers", 20_000);
    private final int rate = Integer.getInteger("benchmark.rate", 500);
    private final int seconds = Integer.getInteger("benchmark.seconds", 20);
    private final int threads = Integer.getInteger("benchmark.threads", 8);
    /**
     * Seconds of warm-up in each measured mode before anything is measured: the JIT compiles the payment path of each
     * mode (in-process, REST) as the fixed rate drives it; with a 7 s flat-out warm-up it still compiled during the
     * measured phase (JFR: 2.8 s of C2 compilations in its 10 s) and the tail was the compiler's, not the payment's.
     */
    private final int warmUpSeconds = Integer.getInteger("benchmark.warmup", 30);
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, LongAdder> decisions = new ConcurrentHashMap<>();
    private final JdbcCounters counters = new JdbcCounters();

    private PaymentAuthorizationService service;
    private Clock clock;
    private HttpClient http;
    private String base;

    @Test
    void run() throws Exception {
        try (ConfigurableApplicationContext app = BenchmarkApp.start("benchmark-payments", customers, i -> i % 10 == 0,
                counters.initializer())) {
            service = app.getBean(PaymentAuthorizationService.class);
            clock = app.getBean(Clock.class);
            base = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            seedActiveBindings(app.getBean(JdbcTemplate.class));

            System.out.printf("%nPaymentBenchmark: %d customers, %s, %s, %d s warm-up per mode%n  machine: %s%n", customers,
                    BenchmarkApp.database(), jvm(), warmUpSeconds, MachineConditions.describe());
            closedLoop("warm-up (not measured)", this::inProcess, 6_000);
            closedLoop("warm-up REST (not measured)", this::overRest, 3_000);
            openLoop("warm-up (not measured)", this::inProcess, warmUpSeconds);
            openLoop("warm-up REST (not measured)", this::overRest, warmUpSeconds);
            openLoop("the harness alone: a call that does nothing", n -> { }, Math.max(1, seconds / 2));
            System.gc();   // what the warm-up left behind is not collected during the measured phases
            decisions.clear();
            JdbcCounters.Snapshot before = counters.snapshot();
            openLoop("in-process", this::inProcess, seconds);
            printDatabase(counters.snapshot().minus(before), rate * seconds);
            closedLoop("in-process", this::inProcess, rate * seconds);
            openLoop("REST", this::overRest, seconds);
            closedLoop("REST", this::overRest, rate * seconds);
            System.out.printf("  decisions over all measured phases: %s%n%n", new java.util.TreeMap<>(decisions));
        }
    }

    interface Call {
        void authorize(long n) throws Exception;
    }

    /**
     * R requests a second for S seconds, each due at start + i/R; latency from due time to answer (a stall is not
     * hidden). 64 senders, sender k sends requests k, k + 64, …, each sleeping until its request is due: one thread
     * wake-up per request (a dispatcher handing requests to a pool added a second one, ≈ 0.1–0.5 ms on this machine).
     */
    void openLoop(String name, Call call, int seconds) throws Exception {
        int total = rate * seconds;
        int senders = 64;
        long[] latencies = new long[total];
        long cpu = BenchmarkApp.cpuNanos();
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        long start = System.nanoTime() + 50_000_000L;
        List<Future<?>> futures = new ArrayList<>(senders);
        for (int k = 0; k < senders; k++) {
            int first = k;
            futures.add(pool.submit(() -> {
                for (int i = first; i < total; i += senders) {
                    long due = start + (long) (i * 1e9 / rate);
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);   // not Thread.sleep: on Java 17 it rounds to whole milliseconds
                    }
                    call.authorize(sequence.incrementAndGet());
                    latencies[i] = System.nanoTime() - due;
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        print(name + ", fixed rate " + rate + "/s", total, elapsed, latencies, BenchmarkApp.cpuNanos() - cpu);
    }

    /** {@code threads} threads, back to back, {@code total} requests in all. */
    private void closedLoop(String name, Call call, int total) throws Exception {
        long[] latencies = new long[total];
        AtomicLong next = new AtomicLong();
        long cpu = BenchmarkApp.cpuNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                for (long i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    call.authorize(sequence.incrementAndGet());
                    latencies[(int) i] = System.nanoTime() - t0;
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        print(name + ", " + threads + " threads flat out", total, elapsed, latencies, BenchmarkApp.cpuNanos() - cpu);
    }

    /**
     * One phase's figures, with this JVM's CPU time per request (client side included) and the machine's load
     * average: on a shared machine the latencies depend on what else runs, the CPU time much less.
     */
    private static void print(String name, int total, double elapsed, long[] nanos, long cpuNanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("  %-44s %6d req in %5.1f s = %6.0f/s   p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  max %7.2f ms"
                        + "   CPU %.2f ms/req   load %.1f%n",
                name, total, elapsed, total / elapsed, ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99),
                sorted[sorted.length - 1] / 1e6, cpuNanos / 1e6 / total,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** What one payment asked of the database in the in-process fixed-rate phase (background pollers included). */
    private static void printDatabase(JdbcCounters.Snapshot db, int payments) {
        double n = payments;
        System.out.printf("  per payment (in-process phase): %.2f statements, %.2f writes, %.2f commits; rows written: "
                        + "engine runtime %.2f, history %.2f, bindflow %.2f (%s)%n", db.statements() / n,
                db.writeStatements() / n, db.commits() / n, db.rows("runtime") / n, db.rows("history") / n,
                (db.rows("bindflow") + db.rows("engine-other") + db.rows("bytearray")) / n,
                db.rows().entrySet().stream().map(e -> String.format("%s %.2f", e.getKey(), e.getValue() / n))
                        .collect(java.util.stream.Collectors.joining(", ")));
    }

    /** The cores, the JVM and its collector and heap: what a run's latencies depend on besides the code. */
    static String jvm() {
        return String.format("%d cores, Java %s, collector %s, max heap %d MB", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(java.lang.management.GarbageCollectorMXBean::getName)
                        .collect(java.util.stream.Collectors.joining("/")), Runtime.getRuntime().maxMemory() >> 20);
    }

    int seconds() {
        return seconds;
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    // ---- the mix -----------------------------------------------------------------------------------------------

    private record Payment(String userId, Scenario scenario, BigDecimal amount, PayeeType payee, String purpose, String city) {
    }

    /** Payment n of the mix: the same n gives the same payment. */
    private Payment payment(long n) {
        SplittableRandom r = new SplittableRandom(n * 0x9E3779B97F4A7C15L);
        int customer = r.nextInt(customers);
        String city = r.nextInt(100) < 5 ? CITIES[r.nextInt(CITIES.length)] : CITIES[customer % CITIES.length];
        int pick = r.nextInt(100);
        if (pick < 40) {
            return new Payment(user(customer), Scenario.ONLINE, yuan(r, 10, r.nextInt(100) < 3 ? 3000 : 800),
                    PayeeType.MERCHANT, null, city);
        } else if (pick < 75) {
            return new Payment(user(customer), Scenario.OFFLINE_SCAN, yuan(r, 5, 300),
                    r.nextInt(100) < 3 ? PayeeType.PERSONAL : PayeeType.MERCHANT, null, city);
        } else if (pick < 90) {
            return new Payment(user(customer), Scenario.VIRTUAL_TOPUP, r.nextInt(100) < 5 ? yuan(r, 50, 100) : yuan(r, 10, 49.99),
                    PayeeType.MERCHANT, null, city);
        } else if (pick < 95) {
            return new Payment(user(customer), Scenario.TRANSFER, yuan(r, 500, 3000), PayeeType.MERCHANT,
                    r.nextInt(100) < 10 ? "RENT" : "CREDIT_CARD_REPAYMENT", city);
        }
        return new Payment(user(customer), Scenario.CROSS_BORDER, yuan(r, 50, 1000), PayeeType.MERCHANT, null, city);
    }

    private static BigDecimal yuan(SplittableRandom r, double from, double to) {
        return BigDecimal.valueOf(from + r.nextDouble() * (to - from)).setScale(2, RoundingMode.HALF_UP);
    }

    private static String user(int i) {
        return "bench-" + i;
    }

    private void inProcess(long n) {
        Payment p = payment(n);
        Decision d = service.authorize("jd-app", "bench-" + n + "-" + UUID.randomUUID(), new PaymentRequest(p.userId(),
                p.scenario(), p.amount(), p.payee(), "m-" + (n % 5000), p.purpose(), p.city(), clock.instant()))
                .authorization().decision();
        decisions.computeIfAbsent(d.name(), k -> new LongAdder()).increment();
    }

    private void overRest(long n) throws Exception {
        Payment p = payment(n);
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("userId", p.userId());
        body.put("scenario", p.scenario().name());
        body.put("amount", p.amount());
        body.put("payee", Map.of("type", p.payee().name(), "id", "m-" + (n % 5000)));
        if (p.purpose() != null) {
            body.put("purpose", p.purpose());
        }
        body.put("city", p.city());
        body.put("occurredAt", clock.instant().toString());
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/payments/authorizations"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", AUTH).header("Content-Type", "application/json")
                .header("Idempotency-Key", "rest-" + n + "-" + UUID.randomUUID())
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST → " + response.statusCode() + " " + response.body());
        }
        decisions.computeIfAbsent(JSON.readTree(response.body()).path("decision").asText(), k -> new LongAdder()).increment();
    }

    // ---- data ----------------------------------------------------------------------------------------------------

    /** An ACTIVE binding per customer, activated 30 days ago (written directly: the binding flow has its own benchmark). */
    private void seedActiveBindings(JdbcTemplate jdbc) {
        Timestamp activated = Timestamp.from(clock.instant().minus(Duration.ofDays(30)));
        List<Object[]> bindings = new ArrayList<>();
        List<Object[]> open = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            String id = UUID.randomUUID().toString();
            bindings.add(new Object[] {id, user(i), activated, activated, activated});
            open.add(new Object[] {user(i), id});
        }
        jdbc.batchUpdate("insert into binding (id, user_id, channel, status, created_at, updated_at, activated_at) "
                + "values (?, ?, 'JD_APP', 'ACTIVE', ?, ?, ?)", bindings);
        jdbc.batchUpdate("insert into binding_open (user_id, binding_id) values (?, ?)", open);
    }
}
