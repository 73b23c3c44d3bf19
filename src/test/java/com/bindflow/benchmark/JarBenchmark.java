package com.bindflow.benchmark;

import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * A benchmark, not a test (surefire's default includes skip it): the packaged jar as an operator starts it, at
 * {@code -Xmx256m} on the embedded default (a fresh H2 file database under target/jar-benchmark): seconds from the
 * {@code java} command to {@code /actuator/health} answering UP, then the resident memory (VmRSS of
 * {@code /proc/<pid>/status}, sampled every 100 ms) while N bindings with C customers in parallel run over REST
 * against it ({@link BindingDriver}), and after; beside the start's seconds the CPU seconds the process used until then
 * (user + system of {@code /proc/<pid>/stat}: less bent by other processes on the machine than the wall clock). Four
 * rows: the fat jar; the extracted jar with an AppCDS archive made by a training run (Spring Boot's
 * {@code -Djarmode=tools extract}, {@code -XX:ArchiveClassesAtExit} with {@code -Dspring.context.exit=onRefresh}, then
 * {@code -XX:SharedArchiveFile}); that with {@link #LEAN_FLAGS} and MALLOC_ARENA_MAX=2; that again, restarted on the
 * database the row before left. Run after packaging:
 * <pre>./mvnw -q -DskipTests package && ./mvnw test -Dtest=JarBenchmark -Dbenchmark.bindings=100 -Dbenchmark.parallel=8</pre>
 * {@code -Dbenchmark.rows=lean} runs only the rows whose name has that in it, {@code -Dbenchmark.flags=-XX:A,-XX:B} adds
 * JVM flags to the lean rows, {@code -Dbenchmark.nmt=true} leaves each row's native memory summary, smaps and live heap's
 * class histogram beside its log (target/jar-benchmark).
 */
class JarBenchmark {

    /**
     * The start command's JVM flags for a small node (README: Start-up and memory of the jar): the AppCDS archive, the
     * serial collector (no G1 remembered sets and regions for a 256 MB heap) with a young generation of 32 MB (the eden
     * is touched whole between two collections) and survivor spaces of a sixth of it each instead of a tenth (fewer of
     * a binding's short-lived objects overflow into the old generation, which is touched up to its top until its first
     * full collection), a heap that starts at 128 MB (at 64 MB the start grew it in 8–10 full collections, about a
     * second of pauses) and is kept at 10–30 % free after a full collection (the old generation grows with what stays
     * live, not up to the 256 MB limit with what died: RSS stayed at 362–373 MB over 800 bindings, against 403–421 MB
     * over 300 without), the client compiler only (C2's compilations compete with the start and the first requests for
     * the two cores and hold arenas of their own), a metaspace that does not trigger a full collection during the
     * start, a smaller code cache and thread stacks. glibc's malloc arenas (MALLOC_ARENA_MAX=2) are limited in that
     * row's environment.
     */
    static final List<String> LEAN_FLAGS = List.of("-XX:SharedArchiveFile=<archive>", "-XX:+UseSerialGC", "-Xmn32m",
            "-XX:SurvivorRatio=4", "-Xms128m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30",
            "-XX:TieredStopAtLevel=1", "-XX:MetaspaceSize=48m", "-XX:ReservedCodeCacheSize=64m", "-Xss512k",
            "-XX:MaxMetaspaceSize=192m");

    private final int bindings = Integer.getInteger("benchmark.bindings", 100);
    private final int parallel = Integer.getInteger("benchmark.parallel", 8);
    private final String heap = System.getProperty("benchmark.heap", "-Xmx256m");
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    /** Only the rows whose name contains this (e.g. {@code lean}); all by default. */
    private final String only = System.getProperty("benchmark.rows", "");
    /** More JVM flags for the lean row, comma-separated (to try one before it goes into {@link #LEAN_FLAGS}). */
    private final List<String> extra = List.of(System.getProperty("benchmark.flags", "").split(",")).stream()
            .filter(f -> !f.isBlank()).toList();
    /** Native memory tracking in each row: {@code jcmd VM.native_memory summary}, the process's smaps and a class histogram of the live heap after the load, beside the row's log. */
    private final boolean nmt = Boolean.getBoolean("benchmark.nmt");

    @Test
    void run() throws Exception {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(p -> p.getFileName().toString().matches("bindflow-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no target/bindflow-*.jar: run ./mvnw -DskipTests package first"));
        }
        Path dir = Path.of("target", "jar-benchmark");
        FileSystemUtils.deleteRecursively(dir);
        Files.createDirectories(dir);
        Path personas = BenchmarkApp.writePersonas(dir.resolve("personas.json"), "bench-", 4 * (bindings + parallel), i -> false);

        // AppCDS: the jar extracted, a training run that stops after the context refreshed, the archive it leaves
        Path extracted = dir.resolve("extracted");
        exec(List.of(java, "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", extracted.toString()));
        Path app = extracted.resolve(jar.getFileName());
        Path archive = dir.resolve("bindflow.jsa");
        exec(command(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Dspring.context.exit=onRefresh"), app, dir.resolve("training"),
                personas));

        List<String> rows = new ArrayList<>();
        rows.add(measure("fat jar", List.of(), jar, dir.resolve("plain"), personas, 0));
        rows.add(measure("extracted + AppCDS", List.of("-XX:SharedArchiveFile=" + archive), app, dir.resolve("cds"), personas,
                bindings + parallel));
        List<String> lean = LEAN_FLAGS.stream().map(f -> f.replace("<archive>", archive.toString())).toList();
        rows.add(measure("AppCDS + lean flags", lean, app, dir.resolve("lean"), personas, 2 * (bindings + parallel)));
        // the same again on the database the row before left (a restart: no schema, no first deployment, keys stored)
        rows.add(measure("lean, restart", lean, app, dir.resolve("lean"), personas, 3 * (bindings + parallel)));
        System.out.printf("%nJarBenchmark: java %s %s -jar …, %d bindings over REST with %d customers in parallel, %d cores%n",
                System.getProperty("java.version"), heap, bindings, parallel, Runtime.getRuntime().availableProcessors());
        System.out.println("  machine: " + MachineConditions.describe());
        if (!extra.isEmpty()) {
            System.out.println("  lean row with " + String.join(" ", extra));
        }
        System.out.printf("  %-20s %10s %8s %14s %14s %14s %11s %8s%n", "row", "start s", "CPU s", "RSS started", "RSS max load",
                "RSS after", "binds/s", "load before/after");
        rows.forEach(System.out::println);
        System.out.println();
    }

    private List<String> command(List<String> jvm, Path jar, Path data, Path personas) throws Exception {
        List<String> command = new ArrayList<>(List.of(java, heap));
        command.addAll(jvm);
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + freePort(),
                "--bindflow.data-dir=" + data.toAbsolutePath(), "--bindflow.sandbox.personas=file:" + personas.toAbsolutePath(),
                "--logging.level.root=WARN"));
        return command;
    }

    private String measure(String name, List<String> flags, Path jar, Path data, Path personas, int firstUser) throws Exception {
        if (!name.contains(only)) {
            return "  " + name + ": not run (benchmark.rows)";
        }
        List<String> jvm = new ArrayList<>(flags);
        if (name.contains("lean")) {
            jvm.addAll(extra);
        }
        if (nmt) {
            jvm.add("-XX:NativeMemoryTracking=summary");
        }
        List<String> command = command(jvm, jar, data, personas);
        int port = Integer.parseInt(command.stream().filter(a -> a.startsWith("--server.port=")).findFirst().orElseThrow()
                .substring("--server.port=".length()));
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long t0 = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command);
        if (name.contains("lean")) {
            builder.environment().put("MALLOC_ARENA_MAX", "2");   // see LEAN_FLAGS
        }
        Process process = builder.redirectErrorStream(true)
                .redirectOutput(data.resolveSibling(file(name, ".log")).toFile()).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + ": the jar exited; see " + data.resolveSibling(file(name, ".log")));
                }
                try {
                    HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                            + "/actuator/health")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                    if (health.statusCode() == 200 && health.body().contains("UP")) {
                        break;
                    }
                } catch (java.io.IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(50);
            }
            double startSeconds = (System.nanoTime() - t0) / 1e9;
            double startCpu = cpuSeconds(process.pid());
            long started = rssKb(process.pid());
            AtomicLong max = new AtomicLong(started);
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    max.accumulateAndGet(rssKb(process.pid()), Math::max);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.start();
            BindingDriver driver = new BindingDriver(port);
            BindingDriver.Run run = driver.run(driver::bindflow, users(firstUser, bindings),
                    users(firstUser + bindings, parallel), parallel);
            sampler.interrupt();
            sampler.join();
            long after = rssKb(process.pid());
            if (nmt) {
                exec(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(process.pid()),
                        "VM.native_memory", "summary"), data.resolveSibling(file(name, ".nmt")));
                Files.copy(Path.of("/proc", Long.toString(process.pid()), "smaps"), data.resolveSibling(file(name, ".smaps")));
                // what of the heap is live: the histogram collects first (a full collection; the row's RSS is taken before)
                exec(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(process.pid()),
                        "GC.class_histogram"), data.resolveSibling(file(name, ".histogram")));
            }
            String row = String.format("  %-20s %10.1f %8.1f %11d MB %11d MB %11d MB %11.1f %5.1f/%4.1f", name, startSeconds,
                    startCpu, started / 1024, max.get() / 1024, after / 1024, run.perSecond(), loadBefore,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.println("JarBenchmark row:" + row);   // also now, in case a later row fails
            return row;
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    /** The row's log (and NMT, smaps, histogram) file: its name in lower case, words joined by '-'. */
    private static String file(String row, String suffix) {
        return row.toLowerCase().replaceAll("[^a-z0-9]+", "-") + suffix;
    }

    private static List<String> users(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(i -> "bench-" + i).collect(Collectors.toList());
    }

    /** User + system CPU seconds of the process so far (its /proc/<pid>/stat). */
    private static double cpuSeconds(long pid) {
        try {
            return ProcCpu.Stat.read(Path.of("/proc", Long.toString(pid), "stat")).millis() / 1000.0;
        } catch (java.io.IOException gone) {
            return 0;
        }
    }

    private static long rssKb(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).map(l -> l.replaceAll("\\D", "")).mapToLong(Long::parseLong)
                    .findFirst().orElse(0);
        } catch (java.io.IOException gone) {
            return 0;
        }
    }

    private static void exec(List<String> command) throws Exception {
        exec(command, null);
    }

    private static void exec(List<String> command, Path output) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output == null
                ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(output.toFile())).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("failed (" + p.exitValue() + "): " + String.join(" ", command));
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
