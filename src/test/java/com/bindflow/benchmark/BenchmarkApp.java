package com.bindflow.benchmark;

import com.bindflow.BindflowApplication;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.FileSystemUtils;

/**
 * What the benchmarks share: the application on the embedded default (a fresh H2 file database) or on PostgreSQL
 * ({@code -Ppostgres}), and N personas.
 */
final class BenchmarkApp {

    private static final String URL_ARG = "--spring.datasource.url=";

    private BenchmarkApp() {
    }

    /**
     * Starts the application (sandbox profile, random port, job executor and pollers on) on a fresh H2 file database
     * in {@code target/<name>}, with {@code customers} personas {@code bench-0 … bench-(n-1)} like demo-ok (available
     * 15000), those matching {@code crossBorder} with the cross-border permission.
     */
    static ConfigurableApplicationContext start(String name, int customers, IntPredicate crossBorder,
            ApplicationContextInitializer<?>... initializers) throws Exception {
        Path dir = Path.of("target", name);
        FileSystemUtils.deleteRecursively(dir);
        Files.createDirectories(dir);
        Path personas = writePersonas(dir.resolve("personas.json"), "bench-", customers, crossBorder);
        return start(dir, personas, List.of(), List.of(initializers));
    }

    /**
     * Starts the application on the benchmark's database with the personas of that file: PostgreSQL when Maven's
     * {@code -Ppostgres} (and {@code -Dtest.datasource.url}) name it, else an H2 file database in {@code dir}, the
     * embedded default. Extra arguments override the configuration; the initializers run before the context refreshes.
     */
    @SafeVarargs
    static ConfigurableApplicationContext start(Path dir, Path personas, List<String> extraArgs,
            List<ApplicationContextInitializer<?>> initializers, ApplicationContextInitializer<?>... more) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--bindflow.data-dir=" + dir.toAbsolutePath(),
                "--bindflow.sandbox.personas=file:" + personas.toAbsolutePath(),
                "--logging.level.root=WARN"));
        if (extraArgs.stream().noneMatch(a -> a.startsWith(URL_ARG))) {   // a property given twice would be both, joined
            args.add(URL_ARG + datasourceUrl(dir));
        }
        args.addAll(extraArgs);
        List<ApplicationContextInitializer<?>> all = new ArrayList<>(initializers);
        all.addAll(List.of(more));
        return new SpringApplicationBuilder(BindflowApplication.class)
                .profiles("sandbox")
                .initializers(all.toArray(ApplicationContextInitializer[]::new))
                .run(args.toArray(String[]::new));
    }

    /**
     * The database: Surefire passes Maven's test.datasource.url as spring.datasource.url, an in-memory H2 unless
     * {@code -Ppostgres}; the benchmarks take PostgreSQL from it, and otherwise the embedded default: application.yaml's
     * own URL (an H2 file, with its settings) in {@code dir}.
     */
    static String datasourceUrl(Path dir) {
        String configured = System.getProperty("spring.datasource.url", "");
        if (configured.startsWith("jdbc:postgresql:")) {
            return configured;
        }
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yaml"));
        String embedded = yaml.getObject().getProperty("spring.datasource.url");
        return embedded.replace("${bindflow.data-dir}", dir.toAbsolutePath().toString());
    }

    /**
     * The arguments that undo bindflow's statement caches, for a row on the drivers' defaults: H2's URL without
     * {@code QUERY_CACHE_SIZE} (H2 keeps 8 parsed statements per connection), pgjdbc's own 256 statements and 5 MiB
     * ({@code shared.PostgresStatementCache} leaves a value the configuration gives).
     */
    static List<String> driverDefaults(Path dir) {
        if (postgres()) {
            return List.of("--spring.datasource.hikari.data-source-properties.preparedStatementCacheQueries=256",
                    "--spring.datasource.hikari.data-source-properties.preparedStatementCacheSizeMiB=5");
        }
        return List.of(URL_ARG + datasourceUrl(dir).replaceAll(";QUERY_CACHE_SIZE=\\d+", ""));
    }

    /** This JVM's CPU time so far (ns): the application and the benchmark's customers together. */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static boolean postgres() {
        return System.getProperty("spring.datasource.url", "").startsWith("jdbc:postgresql:");
    }

    static String database() {
        return postgres() ? "PostgreSQL " + System.getProperty("spring.datasource.url") : "H2 file (embedded default)";
    }

    static Path writePersonas(Path file, String prefix, int count, IntPredicate crossBorder) throws Exception {
        List<Map<String, Object>> personas = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String idNumber = String.format("110101199001%06d", i);
            personas.add(Map.of("userId", prefix + i, "realName", "测试" + i, "idNumber", idNumber,
                    "phone", String.format("139%08d", i),
                    "account", Map.of("status", "NORMAL", "overdue", false, "accountClass", 3, "enterprise", false,
                            "cashOutHistory", false, "creditLimit", "20000.00", "availableCredit", "15000.00",
                            "crossBorderPermission", crossBorder.test(i)),
                    "publicSecurity", Map.of("realName", "测试" + i, "idNumber", idNumber),
                    "wechat", Map.of("payEnabled", true, "bankCards", 1, "thirdPartyAuthorization", true)));
        }
        new ObjectMapper().writeValue(file.toFile(), Map.of("personas", personas));
        return file;
    }
}
