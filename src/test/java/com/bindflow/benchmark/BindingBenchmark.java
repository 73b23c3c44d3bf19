package com.bindflow.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A benchmark, not a test (surefire's default includes skip it): drives N complete bindings, POST /api/bindings
 * to ACTIVE, through the REST API only, against the embedded default (H2 file database under target/, job executor
 * and WeChat inbox poller on, sandbox WeChat notifications over HTTP), with C customers in parallel and no think
 * time. Prints bindings per second and the time of one binding. Run:
 * <pre>./mvnw test -Dtest=BindingBenchmark -Dbenchmark.bindings=200 -Dbenchmark.parallel=8</pre>
 */
class BindingBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("jd-app:jd-app-secret".getBytes(StandardCharsets.UTF_8));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong requests = new AtomicLong();
    private String base;

    @Test
    void run() throws Exception {
        int bindings = Integer.getInteger("benchmark.bindings", 100);
        int parallel = Integer.getInteger("benchmark.parallel", 8);
        try (ConfigurableApplicationContext app = BenchmarkApp.start("benchmark", bindings + parallel, i -> false)) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            base = "http://localhost:" + port;

            for (int i = 0; i < parallel; i++) {          // warm-up: one binding per worker, not measured
                bindToActive("bench-" + (bindings + i));
            }
            requests.set(0);
            List<Long> millis = Collections.synchronizedList(new ArrayList<>());
            ExecutorService customers = Executors.newFixedThreadPool(parallel);
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < bindings; i++) {
                String user = "bench-" + i;
                done.add(customers.submit(() -> {
                    long t0 = System.nanoTime();
                    bindToActive(user);
                    millis.add((System.nanoTime() - t0) / 1_000_000);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            customers.shutdown();
            List<Long> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            System.out.printf("%nBindingBenchmark: %d bindings to ACTIVE over REST, %d customers in parallel, embedded H2%n",
                    bindings, parallel);
            System.out.printf("  throughput      %.1f bindings/s (%.1f s in all, %d HTTP requests incl. polling)%n",
                    bindings / seconds, seconds, requests.get());
            System.out.printf("  one binding     median %d ms, p90 %d ms, max %d ms (POST /api/bindings to ACTIVE)%n%n",
                    sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.9)), sorted.get(sorted.size() - 1));
        }
    }

    /** The customer's and the app's steps of SPEC §2, with no think time; waits by polling the binding. */
    private void bindToActive(String user) throws Exception {
        String id = send("POST", "/api/bindings", "{\"userId\":\"" + user + "\",\"channel\":\"JD_APP\"}",
                Map.of("Idempotency-Key", UUID.randomUUID().toString())).path("id").asText();
        await(id, b -> b.path("status").asText().equals("AWAITING_AGREEMENT"));
        send("POST", "/api/bindings/" + id + "/agreement", "{\"version\":\"2026.1\",\"accepted\":true}", Map.of());
        send("POST", "/api/bindings/" + id + "/otp/send", "", Map.of());
        String code = null;
        while (code == null) {
            JsonNode sms = send("GET", "/sandbox/sms/" + user, null, Map.of());
            code = sms.hasNonNull("text") ? sms.path("code").asText() : null;   // a 404 problem has no text
            pause();
        }
        send("POST", "/api/bindings/" + id + "/otp", "{\"code\":\"" + code + "\"}", Map.of());
        JsonNode waiting = await(id, b -> b.path("wechat").hasNonNull("authorizationUrl"));
        send("POST", waiting.path("wechat").path("authorizationUrl").asText(), "{\"action\":\"APPROVE\",\"priority\":1}", Map.of());
        await(id, b -> b.path("status").asText().equals("AWAITING_PREFERENCES"));
        send("POST", "/api/bindings/" + id + "/preferences", "{\"perTransactionCap\":null}", Map.of());
        send("POST", "/api/bindings/" + id + "/face", "{\"providerToken\":\"pass\"}", Map.of());
        await(id, b -> b.path("status").asText().equals("ACTIVE"));
    }

    private JsonNode await(String id, Predicate<JsonNode> ready) throws Exception {
        for (int i = 0; i < 20_000; i++) {
            JsonNode binding = send("GET", "/api/bindings/" + id, null, Map.of());
            if (ready.test(binding)) {
                return binding;
            }
            String status = binding.path("status").asText();
            if (status.equals("FAILED") || status.equals("EXPIRED") || status.equals("REJECTED")) {
                throw new IllegalStateException("binding " + id + " ended " + status + ": " + binding);
            }
            pause();
        }
        throw new IllegalStateException("binding " + id + " did not get there");
    }

    private static void pause() throws InterruptedException {
        Thread.sleep(5);
    }

    private JsonNode send(String method, String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", AUTH).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        requests.incrementAndGet();
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 400 && !(response.statusCode() == 404 && path.startsWith("/sandbox/sms/"))) {
            throw new IllegalStateException(method + " " + path + " → " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
    }
}
