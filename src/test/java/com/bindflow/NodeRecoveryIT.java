package com.bindflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.bindflow.binding.BindingProcess;
import com.bindflow.binding.BindingRepository;
import com.bindflow.binding.BindingStatus;
import com.bindflow.support.StallingNode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Recovery from a dead node, two nodes on one PostgreSQL database with the application's own job-executor settings
 * (lock time, acquisition waits). Node A is a JVM of its own ({@link StallingNode}): it takes N bindings through every
 * customer step over REST up to the test payment, whose jobs it locks and never finishes; node B is the survivor,
 * started in this JVM, its job executor running (idle) when A is killed with SIGKILL. Measured and printed: the time
 * from the kill until B has finished A's jobs, every binding {@code ACTIVE}. Asserted: each binding ACTIVE exactly once,
 * with one contract, one test payment and one refund, and no incident. On H2 it is skipped: two JVMs cannot share the
 * embedded file database, and several nodes run on PostgreSQL ({@code ./mvnw verify -Ppostgres}).
 */
class NodeRecoveryIT {

    private static final String DB = System.getProperty("it.datasource.url", "");
    private static final int BINDINGS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTH = "Basic " + Base64.getEncoder()
            .encodeToString("jd-app:jd-app-secret".getBytes(StandardCharsets.UTF_8));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void anotherNodeFinishesADeadNodesJobsWithinSeconds() throws Exception {
        Assumptions.assumeTrue(DB.startsWith("jdbc:postgresql:"), "two nodes need a shared database server: "
                + "runs with -Ppostgres (it.datasource.url " + DB + " is not PostgreSQL)");
        Path dir = Path.of("target", "node-recovery-it");
        Files.createDirectories(dir);
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> users = new ArrayList<>();
        for (int i = 0; i < BINDINGS; i++) {
            users.add("recovery-" + run + "-" + i);
        }
        Path personas = writePersonas(dir.resolve("personas-" + run + ".json"), users);

        // node B first (it migrates the schema on a new database), its job executor stopped until A holds the jobs
        try (ConfigurableApplicationContext b = new SpringApplicationBuilder(BindflowApplication.class)
                .profiles("sandbox").run(nodeArgs(personas, 0).toArray(String[]::new))) {
            JobExecutor survivor = ((ProcessEngineConfigurationImpl) b.getBean(ProcessEngineConfiguration.class))
                    .getJobExecutor();
            survivor.shutdown();
            JdbcTemplate jdbc = b.getBean(JdbcTemplate.class);
            ManagementService management = b.getBean(ManagementService.class);
            RuntimeService runtime = b.getBean(RuntimeService.class);
            BindingRepository bindings = b.getBean(BindingRepository.class);

            int port = freePort();
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), StallingNode.class.getName(),
                    "--spring.main.allow-bean-definition-overriding=true", "--logging.level.root=WARN"));
            command.addAll(nodeArgs(personas, port));
            Process a = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("node-a-" + run + ".log").toFile()).start();
            try {
                String base = "http://localhost:" + port;
                await(Duration.ofSeconds(120), () -> up(base), "node A did not start (see " + dir + ")");

                // node A: every binding to the test payment, whose job A locks and hangs in
                ExecutorService customers = Executors.newFixedThreadPool(BINDINGS);
                List<Future<String>> started = new ArrayList<>();
                for (String user : users) {
                    started.add(customers.submit(() -> toTestPayment(base, user)));
                }
                List<String> ids = new ArrayList<>();
                for (Future<String> f : started) {
                    ids.add(f.get());
                }
                customers.shutdown();
                await(Duration.ofSeconds(30), () -> ids.stream().allMatch(id -> lockedPaymentJob(runtime, management, jdbc, id)),
                        "node A did not lock every test-payment job");

                survivor.start();
                long kill = System.nanoTime();
                a.destroyForcibly().waitFor();
                await(Duration.ofSeconds(90), () -> ids.stream().allMatch(id ->
                        bindings.find(id).orElseThrow().status() == BindingStatus.ACTIVE), "B did not finish A's jobs");
                double seconds = (System.nanoTime() - kill) / 1e9;
                System.out.printf("%nNodeRecoveryIT: node A killed (SIGKILL) holding the test-payment jobs of %d bindings; "
                                + "node B finished them, every binding ACTIVE, %.1f s after the kill (lock time %s ms, "
                                + "max acquisition wait %s ms; load average %s)%n%n", ids.size(), seconds,
                        b.getEnvironment().getProperty("camunda.bpm.job-execution.lock-time-in-millis"),
                        b.getEnvironment().getProperty("camunda.bpm.job-execution.max-wait"), loadAverage());

                for (String id : ids) {
                    assertThat(jdbc.queryForObject("select count(*) from binding_status_history where binding_id = ? "
                            + "and status = 'ACTIVE'", Integer.class, id)).as("ACTIVE once: " + id).isEqualTo(1);
                    assertThat(jdbc.queryForList("select contract_code from sandbox_wechat_contract where binding_id = ?",
                            String.class, id)).as("one contract: " + id).hasSize(1);
                    assertThat(jdbc.queryForList("select p.state from sandbox_wechat_payment p join sandbox_wechat_contract c "
                            + "on c.contract_code = p.contract_code where c.binding_id = ?", String.class, id))
                            .as("one test payment, refunded: " + id).containsExactly("REFUNDED");
                    String instance = jdbc.queryForObject("select proc_inst_id_ from act_hi_procinst where business_key_ = ? "
                            + "and proc_def_key_ = ?", String.class, id, BindingProcess.PROCESS_ID);
                    assertThat(runtime.createIncidentQuery().processInstanceId(instance).count()).isZero();
                    assertThat(jdbc.queryForObject("select count(*) from act_hi_incident where proc_inst_id_ = ?",
                            Integer.class, instance)).as("incidents of " + id).isZero();
                }
            } finally {
                a.destroyForcibly();
            }
        }
    }

    private static List<String> nodeArgs(Path personas, int port) {
        return List.of("--spring.datasource.url=" + DB,
                "--spring.datasource.username=" + System.getProperty("spring.datasource.username", "postgres"),
                "--spring.datasource.password=" + System.getProperty("spring.datasource.password", ""),
                "--server.port=" + port, "--bindflow.data-dir=target/node-recovery-it",
                "--bindflow.sandbox.personas=file:" + personas.toAbsolutePath());
    }

    /** Look-alikes of the persona demo-ok (a clean record, 15000 available) under the given user ids. */
    private static Path writePersonas(Path file, List<String> users) throws IOException {
        JsonNode demo = JSON.readTree(NodeRecoveryIT.class.getResourceAsStream("/sandbox/personas.json"));
        JsonNode ok = null;
        for (JsonNode p : demo.path("personas")) {
            if (p.path("userId").asText().equals("demo-ok")) {
                ok = p;
            }
        }
        List<JsonNode> personas = new ArrayList<>();
        for (String user : users) {
            personas.add(((ObjectNode) ok.deepCopy()).put("userId", user));
        }
        JSON.writeValue(file.toFile(), Map.of("personas", personas));
        return file;
    }

    private static boolean lockedPaymentJob(RuntimeService runtime, ManagementService management, JdbcTemplate jdbc,
                                            String bindingId) {
        ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(bindingId)
                .processDefinitionKey(BindingProcess.PROCESS_ID).singleResult();
        List<Job> jobs = instance == null ? List.of() : management.createJobQuery().processInstanceId(instance.getId())
                .activityId(BindingProcess.TASK_MAKE_TEST_PAYMENT).list();
        return jobs.size() == 1 && jdbc.queryForObject("select count(*) from act_ru_job where id_ = ? "
                + "and lock_owner_ is not null", Integer.class, jobs.get(0).getId()) == 1;
    }

    /** The customer's and the app's steps over REST, up to the face check; the test payment then falls due. */
    private String toTestPayment(String base, String user) throws Exception {
        String id = send(base, "POST", "/api/bindings", "{\"userId\":\"" + user + "\",\"channel\":\"JD_APP\"}",
                Map.of("Idempotency-Key", UUID.randomUUID().toString())).path("id").asText();
        awaitBinding(base, id, b -> b.path("status").asText().equals("AWAITING_AGREEMENT"));
        send(base, "POST", "/api/bindings/" + id + "/agreement", "{\"version\":\"2026.1\",\"accepted\":true}", Map.of());
        send(base, "POST", "/api/bindings/" + id + "/otp/send", "", Map.of());
        String code = null;
        for (int i = 0; code == null && i < 3000; i++) {
            JsonNode sms = send(base, "GET", "/sandbox/sms/" + user, null, Map.of());
            code = sms.hasNonNull("text") ? sms.path("code").asText() : null;
            Thread.sleep(20);
        }
        send(base, "POST", "/api/bindings/" + id + "/otp", "{\"code\":\"" + code + "\"}", Map.of());
        JsonNode waiting = awaitBinding(base, id, b -> b.path("wechat").hasNonNull("authorizationUrl"));
        send(base, "POST", waiting.path("wechat").path("authorizationUrl").asText(),
                "{\"action\":\"APPROVE\",\"priority\":1}", Map.of());
        awaitBinding(base, id, b -> b.path("status").asText().equals("AWAITING_PREFERENCES"));
        send(base, "POST", "/api/bindings/" + id + "/preferences", "{\"perTransactionCap\":null}", Map.of());
        send(base, "POST", "/api/bindings/" + id + "/face", "{\"providerToken\":\"pass\"}", Map.of());
        return id;
    }

    private JsonNode awaitBinding(String base, String id, Predicate<JsonNode> ready) throws Exception {
        for (int i = 0; i < 3000; i++) {
            JsonNode binding = send(base, "GET", "/api/bindings/" + id, null, Map.of());
            if (ready.test(binding)) {
                return binding;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("binding " + id + " did not get there on node A");
    }

    private JsonNode send(String base, String method, String path, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", AUTH).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 400 && !(response.statusCode() == 404 && path.startsWith("/sandbox/sms/"))) {
            throw new AssertionError(method + " " + path + " → " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
    }

    private boolean up(String base) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void await(Duration timeout, BooleanSupplier done, String failure) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure);
            }
            Thread.sleep(100);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
