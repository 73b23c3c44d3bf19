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
 * against it ({@link BindingDriver}), and after. Three rows: the fat jar; the extracted jar with an AppCDS archive
 * made by a training run (Spring Boot's {@code -Djarmode=tools extract}, {@code -XX:ArchiveClassesAtExit} with
 * {@code -Dspring.context.exit=onRefresh}, then {@code -XX:SharedArchiveFile}); that with {@link #LEAN_FLAGS} and
 * MALLOC_ARENA_MAX=2. Run after packaging:
 * <pre>./mvnw -q -DskipTests package && ./mvnw test -Dtest=JarBenchmark -Dbenchmark.bindings=100 -Dbenchmark.parallel=8</pre>
 */
class JarBenchmark {

    /**
     * The start command's JVM flags for a small node (README: Performance and capacity): the AppCDS archive, the serial
     * collector (no G1 remembered sets and regions for a 256 MB heap), a smaller code cache and thread stacks.
     * glibc's malloc arenas (MALLOC_ARENA_MAX=2) are limited in that row's environment.
     */
    static final List<String> LEAN_FLAGS = List.of("-XX:SharedArchiveFile=<archive>", "-XX:+UseSerialGC",
            "-XX:ReservedCodeCacheSize=64m", "-Xss512k", "-XX:MaxMetaspaceSize=192m");

    private final int bindings = Integer.getInteger("benchmark.bindings", 100);
    private final int parallel = Integer.getInteger("benchmark.parallel", 8);
    private final String heap = System.getProperty("benchmark.heap", "-Xmx256m");
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

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
        Path personas = BenchmarkApp.writePersonas(dir.resolve("personas.json"), "bench-", 3 * (bindings + parallel), i -> false);

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
        rows.add(measure("AppCDS + lean flags", LEAN_FLAGS.stream().map(f -> f.replace("<archive>", archive.toString())).toList(),
                app, dir.resolve("lean"), personas, 2 * (bindings + parallel)));
        System.out.printf("%nJarBenchmark: java %s %s -jar …, %d bindings over REST with %d customers in parallel, %d cores%n",
                System.getProperty("java.version"), heap, bindings, parallel, Runtime.getRuntime().availableProcessors());
        System.out.printf("  %-20s %10s %14s %14s %14s %11s %8s%n", "row", "start s", "RSS started", "RSS max load",
                "RSS after", "binds/s", "load");
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

    private String measure(String name, List<String> jvm, Path jar, Path data, Path personas, int firstUser) throws Exception {
        List<String> command = command(jvm, jar, data, personas);
        int port = Integer.parseInt(command.stream().filter(a -> a.startsWith("--server.port=")).findFirst().orElseThrow()
                .substring("--server.port=".length()));
        long t0 = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command);
        if (name.contains("lean")) {
            builder.environment().put("MALLOC_ARENA_MAX", "2");   // see LEAN_FLAGS
        }
        Process process = builder.redirectErrorStream(true)
                .redirectOutput(data.resolveSibling(data.getFileName() + ".log").toFile()).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + ": the jar exited; see " + data + ".log");
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
            String row = String.format("  %-20s %10.1f %11d MB %11d MB %11d MB %11.1f %8.1f", name, startSeconds, started / 1024,
                    max.get() / 1024, rssKb(process.pid()) / 1024, run.perSecond(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.println("JarBenchmark row:" + row);   // also now, in case a later row fails
            return row;
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    private static List<String> users(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(i -> "bench-" + i).collect(Collectors.toList());
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
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
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
