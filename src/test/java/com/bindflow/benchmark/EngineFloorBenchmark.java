package com.bindflow.benchmark;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * A benchmark, not a test (surefire's default includes skip it): a binding's cost against the engine's own floor, in
 * one run on one database. Four rows, each N bindings with C customers in parallel over REST, after a warm-up in rounds
 * of W bindings per customer ({@code -Dbenchmark.warmup}, 15) of each row of the application, repeated until the JIT
 * compilers' work stops falling: a round whose compiler CPU per binding is at least {@code -Dbenchmark.jit-plateau}
 * (0.8) of the round's before ends the warm-up, and so do {@code -Dbenchmark.warmup-rounds} rounds (5). The compilers
 * never stop on this code base (H2, 2 cores: 40, 18, 16, 15, 15, 13 ms of a binding's 100–190 ms of CPU in six rounds
 * of 240 bindings), and a row measured while they still work hard pays for them, the row that runs first most; so each
 * round's figures are printed, each row's compilers' CPU per binding beside its figures ("JIT ms"), and bindflow/floor
 * of each pair of halves (what drifted over the run shows as their difference):
 * <ol>
 *   <li><b>floor</b>: the binding's processes with no-op delegates ({@link EngineFloor}), the same steps, on bindflow's
 *       engine configuration;</li>
 *   <li><b>bindflow</b>: the real binding ({@link BindingDriver#bindflow}) on bindflow's configuration;</li>
 *   <li><b>defaults</b>: the real binding again in a second application on Camunda's defaults: history FULL, the
 *       job executor's defaults (3–10 threads, queue 3, 3 jobs an acquisition, 5 s idle wait, 5 min lock);</li>
 *   <li><b>untuned</b>: the same in a third application that also leaves the drivers' statement caches at their
 *       defaults ({@link BenchmarkApp#driverDefaults}): none of bindflow's tuning ({@code -Dbenchmark.untuned=false}
 *       leaves the row out, and so does {@code -Dbenchmark.defaults=false}; {@code none} leaves out this row and the
 *       one before).</li>
 * </ol>
 * The floor and bindflow rows run in one application, alternating: floor, bindflow, bindflow, floor, half of their
 * bindings each time, so that what drifts over a run falls on both; the other rows run in two halves too.
 * Prints bindings/s, p50/p99 of one binding and its legs, CPU time per binding (this JVM: application and customers;
 * on a local PostgreSQL also its server's processes) and how much of it the sandbox's stand-ins for the outside systems
 * used ({@link StandInCpu}: WeChat Pay's, the SMS gateway's… work in production), the ratios of bindflow to each other
 * row (by bindings/s, by CPU, and by CPU without the stand-ins), and per binding
 * what it asks of the database (statements, commits, rows written to the engine's runtime and history tables and to
 * bindflow's own; on PostgreSQL the bytes the history tables grew), with the load average beside each row. It also
 * prints the commits per binding by thread and tables written; {@code -Dbenchmark.sql=true} adds the statements per
 * binding by their text and the time the database took for them and for the commits; {@code -Dbenchmark.defaults=none}
 * leaves out the rows of the other applications, {@code -Dbenchmark.defaults=false}
 * runs the third row on bindflow's configuration (an A/B of the application order); {@code -Dbenchmark.poll-millis}
 * sets the customers' poll interval (5). Run (H2 file database under target/engine-floor, or PostgreSQL):
 * <pre>
 * ./mvnw test -Dtest=EngineFloorBenchmark -Dbenchmark.bindings=200 -Dbenchmark.parallel=8
 * ./mvnw test -Dtest=EngineFloorBenchmark -Dbenchmark.bindings=200 -Dbenchmark.parallel=8 -Ppostgres \
 *     -Dtest.datasource.url=jdbc:postgresql://127.0.0.1:5432/bench
 * </pre>
 */
class EngineFloorBenchmark {

    /** Camunda's own defaults for what bindflow's configuration sets (camunda-bpm-spring-boot-starter, engine). */
    static final List<String> CAMUNDA_DEFAULTS = List.of(
            "--camunda.bpm.history-level=full",
            "--bindflow.history.lean=false",
            "--camunda.bpm.eventing.execution=true",
            "--camunda.bpm.eventing.task=true",
            "--camunda.bpm.eventing.history=true",
            "--camunda.bpm.job-execution.core-pool-size=3",
            "--camunda.bpm.job-execution.max-pool-size=10",
            "--camunda.bpm.job-execution.queue-capacity=3",
            "--camunda.bpm.job-execution.max-jobs-per-acquisition=3",
            "--camunda.bpm.job-execution.wait-time-in-millis=5000",
            "--camunda.bpm.job-execution.max-wait=60000",
            "--camunda.bpm.job-execution.lock-time-in-millis=300000",
            "--camunda.bpm.generic-properties.properties.dmnFeelEnableLegacyBehavior=false");

    private final int bindings = Integer.getInteger("benchmark.bindings", 100);
    private final int parallel = Integer.getInteger("benchmark.parallel", 8);
    /** Warm-up bindings per customer and round before each row (the JIT: the later rows would otherwise have the warmer JVM). */
    private final int warmUp = Integer.getInteger("benchmark.warmup", 15);
    /** The most warm-up rounds: the compilers are never quite done. */
    private final int warmUpRounds = Integer.getInteger("benchmark.warmup-rounds", 5);
    /** A warm-up round whose compiler CPU per binding is at least this share of the round's before ends the warm-up. */
    private final double jitPlateau = Double.parseDouble(System.getProperty("benchmark.jit-plateau", "0.8"));
    private final JdbcCounters counters = new JdbcCounters();
    private final StandInCpu standIns = new StandInCpu();

    private record Row(String name, BindingDriver.Run run, JdbcCounters.Snapshot db, long historyBytes, long allBytes,
            double load, double cpuMs, double dbCpuMs, double standInMs, double jitMs) {

        /** The row's two parts as one: counts added, the per-binding CPU and the load weighted by bindings. */
        Row plus(Row other) {
            int n = run.bindings();
            int m = other.run().bindings();
            java.util.function.DoubleBinaryOperator weighted = (mine, theirs) -> (mine * n + theirs * m) / (n + m);
            return new Row(name, run.plus(other.run()), db.plus(other.db()), historyBytes + other.historyBytes(),
                    allBytes + other.allBytes(), weighted.applyAsDouble(load, other.load()),
                    weighted.applyAsDouble(cpuMs, other.cpuMs()),
                    dbCpuMs < 0 || other.dbCpuMs() < 0 ? -1 : weighted.applyAsDouble(dbCpuMs, other.dbCpuMs()),
                    weighted.applyAsDouble(standInMs, other.standInMs()),
                    jitMs < 0 || other.jitMs() < 0 ? -1 : weighted.applyAsDouble(jitMs, other.jitMs()));
        }

        /** The JVM's CPU per binding without the sandbox's stand-ins for the outside systems ({@link StandInCpu}). */
        double ownCpuMs() {
            return cpuMs - standInMs;
        }
    }

    @Test
    void run() throws Exception {
        if (bindings < 2) {
            throw new IllegalArgumentException("-Dbenchmark.bindings must be at least 2: every row runs in two halves");
        }
        if (warmUp < 1 || warmUpRounds < 1) {
            throw new IllegalArgumentException("-Dbenchmark.warmup and -Dbenchmark.warmup-rounds must be at least 1");
        }
        Path dir = Path.of("target", "engine-floor");
        FileSystemUtils.deleteRecursively(dir);
        Files.createDirectories(dir);
        // users unique per run (PostgreSQL keeps earlier runs' bindings): r<run>-<phase>-<i>
        String run = Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36);
        int perPhase = bindings + parallel * warmUp * warmUpRounds;
        Path personas = BenchmarkApp.writePersonas(dir.resolve("personas.json"), "r" + run + "-", 3 * perPhase, i -> false);
        List<Row> rows = new ArrayList<>();
        String halves;   // bindflow/floor in each pair of halves: what drifted over the run shows as their difference

        // the floor's processes get bindflow's history settings too
        List<String> floorLean = List.of("--bindflow.history.lean-processes=Binding,EligibilityCheck,OtpVerification,"
                + "BindingUndo,Unbinding,BindingFloor,EligibilityCheckFloor,OtpVerificationFloor,BindingUndoFloor");
        try (ConfigurableApplicationContext app = BenchmarkApp.start(dir, personas, floorLean,
                List.of(counters.initializer(), standIns.initializer()), EngineFloor.routes())) {
            EngineFloor.deploy(app.getBean(ProcessEngine.class));
            BindingDriver driver = new BindingDriver(((WebServerApplicationContext) app).getWebServer().getPort());
            List<String> users = users(run, 0, perPhase);   // the floor's need no persona: both rows take the same
            warm(driver, users, List.of(driver::floor, driver::bindflow));
            // floor, bindflow, bindflow, floor: half of each row before the other's half and after it, so whatever
            // drifts over the run (the JIT, the database's growth, the machine) falls on both rows alike
            int half = bindings / 2;
            Row floorFirst = measure("floor", app, driver, driver::floor, users.subList(0, half));
            Row bindflowFirst = measure("bindflow", app, driver, driver::bindflow, users.subList(0, half));
            Row bindflowSecond = measure("bindflow", app, driver, driver::bindflow, users.subList(half, bindings));
            Row floorSecond = measure("floor", app, driver, driver::floor, users.subList(half, bindings));
            halves = String.format("bindflow/floor by halves: %.2f (floor first), %.2f (floor second)",
                    bindflowFirst.run().perSecond() / floorFirst.run().perSecond(),
                    bindflowSecond.run().perSecond() / floorSecond.run().perSecond());
            rows.add(floorFirst.plus(floorSecond));
            rows.add(bindflowFirst.plus(bindflowSecond));
        }
        // -Dbenchmark.defaults=false: the second application on bindflow's configuration (an A/B of the application order)
        // -Dbenchmark.defaults=none: the floor and bindflow rows only (an A/B of a change to bindflow)
        String second = System.getProperty("benchmark.defaults", "true");
        if (!List.of("true", "false", "none").contains(second)) {
            throw new IllegalArgumentException("-Dbenchmark.defaults is true, false or none, not " + second);
        }
        boolean defaults = Boolean.parseBoolean(second);
        if (!second.equals("none")) {
            rows.add(second("defaults", dir, personas, defaults ? CAMUNDA_DEFAULTS : List.of(), users(run, perPhase, perPhase)));
        }
        if (defaults && Boolean.parseBoolean(System.getProperty("benchmark.untuned", "true"))) {
            List<String> untuned = new ArrayList<>(CAMUNDA_DEFAULTS);
            untuned.addAll(BenchmarkApp.driverDefaults(dir));
            rows.add(second("untuned", dir, personas, untuned, users(run, 2 * perPhase, perPhase)));
        }
        print(rows, halves);
    }

    /**
     * A row of its own application on the same database, after the first one ended: warmed up, then measured in two
     * halves like the first application's rows (each half ends with customers idle while the last bindings finish).
     */
    private Row second(String name, Path dir, Path personas, List<String> args, List<String> users) throws Exception {
        try (ConfigurableApplicationContext app = BenchmarkApp.start(dir, personas, args,
                List.of(counters.initializer(), standIns.initializer()))) {
            BindingDriver driver = new BindingDriver(((WebServerApplicationContext) app).getWebServer().getPort());
            warm(driver, users, List.of(driver::bindflow));
            int half = bindings / 2;
            return measure(name, app, driver, driver::bindflow, users.subList(0, half))
                    .plus(measure(name, app, driver, driver::bindflow, users.subList(half, bindings)));
        }
    }

    private List<String> users(String run, int from, int count) {
        return IntStream.range(from, from + count).mapToObj(i -> "r" + run + "-" + i).collect(Collectors.toList());
    }

    /**
     * The warm-up, with the users after the measured ones: rounds of W bindings per customer of each of the rows, until
     * the compilers' CPU per binding stops falling, or the rounds are used up, or it cannot be read (one round).
     */
    private void warm(BindingDriver driver, List<String> users, List<BindingDriver.Binder> binders) throws Exception {
        int perRound = parallel * warmUp;
        double before = -1;
        for (int round = 0; round < warmUpRounds; round++) {
            List<String> roundUsers = users.subList(bindings + round * perRound, bindings + (round + 1) * perRound);
            long jit = jitMillis();
            long cpu = BenchmarkApp.cpuNanos();
            for (BindingDriver.Binder binder : binders) {
                driver.run(binder, roundUsers, List.of(), parallel);
            }
            int n = perRound * binders.size();
            double jitMs = perBinding(jit, jitMillis(), n);
            System.out.printf("EngineFloorBenchmark warm-up round %d: %d bindings, CPU %.0f ms per binding of which the "
                    + "JIT compilers %s%n", round + 1, n, (BenchmarkApp.cpuNanos() - cpu) / 1e6 / n,
                    jitMs < 0 ? "unknown (no /proc to read): no more rounds" : String.format("%.1f", jitMs));
            if (jitMs < 0 || (before >= 0 && jitMs >= jitPlateau * before)) {
                return;
            }
            before = jitMs;
        }
    }

    /** The compilers' CPU per binding between two readings of {@link #jitMillis}; -1 when either could not be read. */
    private static double perBinding(long jitBefore, long jitAfter, int bindings) {
        return jitBefore < 0 || jitAfter < jitBefore ? -1 : (double) (jitAfter - jitBefore) / bindings;
    }

    /**
     * The CPU milliseconds of this JVM's JIT compiler threads so far ("C1 CompilerThre…", "C2 CompilerThre…" in
     * /proc/self/task; the compilation MXBean's time is wall time, which on a busy machine counts the waits too); -1
     * where there is no /proc to read. A compiler thread the JVM stops (it starts more when the queue grows, on
     * machines with more cores than this one's two) takes its CPU out of the sum: a reading that went down is unknown.
     */
    private static long jitMillis() {
        return ProcCpu.millis(Path.of("/proc/self/task"), name -> name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler"));
    }

    private Row measure(String name, ConfigurableApplicationContext app, BindingDriver driver, BindingDriver.Binder binder,
            List<String> measured) throws Exception {
        System.out.printf("EngineFloorBenchmark row %s at %s: %d bindings, decisions on the %s FEEL%n", name,
                java.time.Instant.now(), measured.size(),
                ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) app.getBean(ProcessEngine.class)
                        .getProcessEngineConfiguration()).isDmnFeelEnableLegacyBehavior() ? "Java" : "Scala");
        JdbcTemplate jdbc = new JdbcTemplate(app.getBean(DataSource.class));
        if (BenchmarkApp.postgres()) {
            // off, the engine's runtime tables keep every deleted row (dead tuples) the runs before left behind
            System.out.printf("EngineFloorBenchmark row %s: PostgreSQL autovacuum %s, database %s%n", name,
                    jdbc.queryForObject("show autovacuum", String.class),
                    jdbc.queryForObject("select pg_size_pretty(pg_database_size(current_database()))", String.class));
        } else {
            // the open database's own setting: a connection of an earlier application still open would have kept its own
            System.out.printf("EngineFloorBenchmark row %s: H2 QUERY_CACHE_SIZE %s%n", name, jdbc.queryForObject(
                    "select setting_value from information_schema.settings where setting_name = 'QUERY_CACHE_SIZE'",
                    String.class));
        }
        JdbcCounters.Snapshot before = counters.snapshot();
        long historyBytes = bytes(jdbc, "act_hi_%");
        long allBytes = bytes(jdbc, "%");
        long cpu = BenchmarkApp.cpuNanos();
        long standIn = standIns.nanos();
        long dbCpu = postgresCpuMillis();
        long jit = jitMillis();
        BindingDriver.Run result = driver.run(binder, measured, List.of(), parallel);
        JdbcCounters.Snapshot db = counters.snapshot().minus(before);
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long dbCpuAfter = postgresCpuMillis();
        double cpuMs = (BenchmarkApp.cpuNanos() - cpu) / 1e6 / measured.size();
        double standInMs = (standIns.nanos() - standIn) / 1e6 / measured.size();
        double jitMs = perBinding(jit, jitMillis(), measured.size());
        System.out.printf("EngineFloorBenchmark row %s: %d bindings, %.1f bindings/s, CPU %.0f ms per binding "
                + "(the stand-ins %.1f, JIT %s)%n", name, measured.size(), result.perSecond(), cpuMs, standInMs,
                known(jitMs, "%.1f"));
        return new Row(name, result, db, bytes(jdbc, "act_hi_%") - historyBytes, bytes(jdbc, "%") - allBytes, load,
                cpuMs, dbCpuAfter < 0 || dbCpu < 0 ? -1 : (double) (dbCpuAfter - dbCpu) / measured.size(), standInMs, jitMs);
    }

    /**
     * The CPU milliseconds of this machine's PostgreSQL server processes so far (all of them: backends, WAL writer,
     * checkpointer, autovacuum), from /proc; -1 on H2 or when there are none to read (a server elsewhere).
     */
    static long postgresCpuMillis() {
        return BenchmarkApp.postgres() ? ProcCpu.millis(Path.of("/proc"), name -> name.startsWith("postgres")) : -1;
    }

    /** PostgreSQL: the bytes of the tables (with indexes and TOAST) whose names match; H2: not measured (-1). */
    private static long bytes(JdbcTemplate jdbc, String tables) {
        if (!BenchmarkApp.postgres()) {
            return -1;
        }
        Long bytes = jdbc.queryForObject("select coalesce(sum(pg_total_relation_size(c.oid)), 0) from pg_class c "
                + "join pg_namespace n on n.oid = c.relnamespace where c.relkind = 'r' and n.nspname = current_schema() "
                + "and c.relname like ?", Long.class, tables);
        return bytes == null ? 0 : bytes;
    }

    /** A figure in its format, or "n/a" for one that could not be measured (-1). */
    private static String known(double figure, String format) {
        return figure < 0 ? "n/a" : String.format(format, figure);
    }

    /** Each other row's figure over bindflow's: "   name/bindflow 0.00" for each. */
    private static String perBindflow(List<Row> rows, Row bindflow, java.util.function.ToDoubleFunction<Row> figure) {
        return rows.stream().filter(r -> r != bindflow).map(r -> String.format("   %s/bindflow %.2f", r.name(),
                figure.applyAsDouble(r) / figure.applyAsDouble(bindflow))).collect(Collectors.joining());
    }

    private void print(List<Row> rows, String halves) {
        System.out.printf("%nEngineFloorBenchmark: %d bindings to their end over REST, %d customers in parallel, %s, %d cores%n",
                bindings, parallel, BenchmarkApp.database(), Runtime.getRuntime().availableProcessors());
        System.out.println("  machine: " + MachineConditions.describe());
        System.out.printf("  %-9s %9s %8s %8s %9s %9s %7s %9s  %s   %s%n", "row", "binds/s", "p50 ms", "p99 ms", "CPU ms",
                "stand-ins", "JIT ms", "DB CPU",
                BindingDriver.LEGS.stream().map(l -> String.format("%-20s", l)).collect(Collectors.joining(" ")),
                "load");
        for (Row row : rows) {
            BindingDriver.Run r = row.run();
            System.out.printf("  %-9s %9.1f %8d %8d %9.0f %9.1f %7s %9s  %s   %.1f%n", row.name(), r.perSecond(),
                    r.p(0.50), r.p(0.99), row.cpuMs(), row.standInMs(),
                    known(row.jitMs(), "%.1f"), known(row.dbCpuMs(), "%.0f"),
                    IntStream.range(0, BindingDriver.LEGS.size()).mapToObj(i -> String.format("p50 %6.0f ms        ",
                            r.legMedianMs(i))).collect(Collectors.joining(" ")), row.load());
        }
        Row bindflow = rows.get(1);
        System.out.printf("  ratios    [bindings/s]%s%n", rows.stream().filter(r -> r != bindflow)
                .map(r -> String.format("   bindflow/%s %.2f (aim %s)", r.name(), bindflow.run().perSecond() / r.run().perSecond(),
                        r == rows.get(0) ? "≥ 0.8" : "≥ 1.5")).collect(Collectors.joining()));
        System.out.printf("            %s%n", halves);
        System.out.printf("            by CPU per binding (JVM, customers included):%s%n",
                perBindflow(rows, bindflow, Row::cpuMs));
        // what bindflow itself costs: the JVM's CPU without the stand-ins' (WeChat's, the SMS gateway's… work)
        System.out.printf("            by CPU per binding without the sandbox's stand-ins (JVM):%s%n",
                perBindflow(rows, bindflow, Row::ownCpuMs));
        if (bindflow.dbCpuMs() >= 0) {
            System.out.printf("            by CPU per binding, JVM + PostgreSQL server:%s%n",
                    perBindflow(rows, bindflow, r -> r.cpuMs() + r.dbCpuMs()));
        }
        System.out.printf("  per binding (measured bindings only; incl. the polling GETs and the app's background pollers):%n");
        System.out.printf("  %-9s %8s %8s %8s %9s %9s %9s %9s %9s %12s %12s%n", "row", "HTTP req", "stmts", "writes",
                "commits", "rows RU", "rows HI", "rows BA", "rows own", "HI bytes", "all bytes");
        for (Row row : rows) {
            double n = row.run().bindings();
            JdbcCounters.Snapshot db = row.db();
            System.out.printf("  %-9s %8.1f %8.1f %8.1f %9.1f %9.1f %9.1f %9.1f %9.1f %12s %12s%n", row.name(),
                    row.run().requests() / n, db.statements() / n, db.writeStatements() / n, db.commits() / n,
                    db.rows("runtime") / n, db.rows("history") / n, db.rows("bytearray") / n,
                    (db.rows("bindflow") + db.rows("engine-other")) / n,
                    row.historyBytes() < 0 ? "n/a (H2)" : String.format("%.0f", row.historyBytes() / n),
                    row.allBytes() < 0 ? "n/a (H2)" : String.format("%.0f", row.allBytes() / n));
        }
        for (Row row : rows) {
            double n = row.run().bindings();
            System.out.printf("  rows written per binding, %s: %s%n", row.name(), row.db().rows().entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .map(e -> String.format("%s %.1f", e.getKey(), e.getValue() / n)).collect(Collectors.joining(", ")));
        }
        printPerBinding(rows, "commits per binding by thread and tables written", r -> r.db().shapes(), 0.05);
        if (Boolean.getBoolean("benchmark.sql")) {
            printPerBinding(rows, "statements per binding by text", r -> r.db().sql(), 0.5);
            // the time the database took (statement executed or committed, as the application waited for it), in ms
            printPerBinding(rows, "database ms per binding by statement text (COMMIT: the commits)",
                    r -> r.db().micros().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue() / 1000)),
                    0.2);
        }
        System.out.println();
    }

    /** Per row: the counts of {@code what} per binding, largest first, from {@code min} per binding up. */
    private static void printPerBinding(List<Row> rows, String title, java.util.function.Function<Row, Map<String, Long>> what,
            double min) {
        for (Row row : rows) {
            double n = row.run().bindings();
            System.out.printf("  %s, %s:%n", title, row.name());
            what.apply(row).entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .filter(e -> e.getValue() / n >= min)
                    .forEach(e -> System.out.printf("    %5.2f  %s%n", e.getValue() / n, e.getKey()));
        }
    }
}
