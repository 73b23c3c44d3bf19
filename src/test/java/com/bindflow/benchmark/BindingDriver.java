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
import java.util.Arrays;
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

/**
 * Drives complete bindings over REST as a customer and the JD app would (SPEC §2, no think time): through bindflow's API
 * ({@link #bindflow}), or the same steps against the engine floor ({@link #floor}). Each binding's time is split into
 * its five legs (see {@link #LEGS}). Both wait the same way ({@code -Dbenchmark.wait}): {@code long} (the default), a
 * request that the server answers when the binding changed (bindflow: {@code If-None-Match} and {@code waitSeconds};
 * the floor: {@code waitSeconds} on its readiness, woken by its processes' commits, see {@link EngineFloor}), or
 * {@code poll}, asking again every {@code benchmark.poll-millis} (5).
 */
final class BindingDriver {

    /** The legs of one binding, each from the customer's request to the state the next request needs. */
    static final List<String> LEGS = List.of(
            "start→agreement",          // POST binding; eligibility's three jobs
            "agreement+send→code",      // agreement, SMS-code request; the send job
            "code→wechat",              // code entry; the WeChat authorization request job
            "approve→preferences",      // approval at WeChat; its notification correlated (bindflow: through the inbox)
            "prefs+face→active");       // preferences, face; the test payment and refund jobs

    /** How long a customer waits between two polls ({@code -Dbenchmark.poll-millis}, 5). */
    static final long POLL_MILLIS = Long.getLong("benchmark.poll-millis", 5);
    /** Whether the customers wait with long polls ({@code -Dbenchmark.wait=long}, the default) or poll ({@code poll}). */
    static final boolean LONG_POLL = !"poll".equals(System.getProperty("benchmark.wait", "long"));
    /** How long a customer waits for one step of a binding before the run fails. */
    private static final java.time.Duration AWAIT_LIMIT = java.time.Duration.ofMinutes(2);
    /** The seconds one long poll may wait. */
    private static final int WAIT_SECONDS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("jd-app:jd-app-secret".getBytes(StandardCharsets.UTF_8));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong requests = new AtomicLong();
    private final String base;

    BindingDriver(int port) {
        this.base = "http://localhost:" + port;
    }

    interface Binder {
        /** One binding to its end; fills legs[i] with the nanoseconds of leg i. */
        void bind(String user, long[] legs) throws Exception;
    }

    /** What a run of N bindings with C customers in parallel gave. */
    record Run(int bindings, double seconds, long requests, long[] millis, long[][] legNanos) {

        /** Two runs of the same row as one: their bindings, seconds and requests added. */
        Run plus(Run other) {
            long[] all = java.util.stream.LongStream.concat(Arrays.stream(millis), Arrays.stream(other.millis)).sorted().toArray();
            long[][] legs = java.util.stream.Stream.concat(Arrays.stream(legNanos), Arrays.stream(other.legNanos))
                    .toArray(long[][]::new);
            return new Run(bindings + other.bindings, seconds + other.seconds, requests + other.requests, all, legs);
        }

        double perSecond() {
            return bindings / seconds;
        }

        long p(double quantile) {
            return millis[Math.min(millis.length - 1, (int) Math.ceil(quantile * millis.length) - 1)];
        }

        double legMedianMs(int leg) {
            long[] sorted = Arrays.stream(legNanos).mapToLong(l -> l[leg]).sorted().toArray();
            return sorted[sorted.length / 2] / 1e6;
        }
    }

    /** Warms up with one binding per customer (users warmUp…), then runs {@code users} with C customers in parallel. */
    Run run(Binder binder, List<String> users, List<String> warmUp, int parallel) throws Exception {
        ExecutorService customers = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<?>> warm = new ArrayList<>();
            for (String user : warmUp) {
                warm.add(customers.submit(() -> {
                    binder.bind(user, new long[LEGS.size()]);
                    return null;
                }));
            }
            for (Future<?> f : warm) {
                f.get();
            }
            requests.set(0);
            List<Long> millis = Collections.synchronizedList(new ArrayList<>());
            List<long[]> legs = Collections.synchronizedList(new ArrayList<>());
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (String user : users) {
                done.add(customers.submit(() -> {
                    long[] leg = new long[LEGS.size()];
                    long t0 = System.nanoTime();
                    binder.bind(user, leg);
                    millis.add((System.nanoTime() - t0) / 1_000_000);
                    legs.add(leg);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
            return new Run(users.size(), seconds, requests.get(), sorted, legs.toArray(long[][]::new));
        } finally {
            customers.shutdownNow();
        }
    }

    /**
     * bindflow: the customer's and the app's steps of SPEC §2 over its REST API, to ACTIVE. With long polls the app
     * waits right after a step whose answer shows the binding, with that answer's tag (and after the approval on
     * WeChat's page, with the tag of the last state it saw).
     */
    void bindflow(String user, long[] legs) throws Exception {
        long t = System.nanoTime();
        Seen created = seen(exchange("POST", "/api/bindings", "{\"userId\":\"" + user + "\",\"channel\":\"JD_APP\"}",
                Map.of("Idempotency-Key", UUID.randomUUID().toString())));
        String id = created.binding().path("id").asText();
        await(id, created, b -> b.path("status").asText().equals("AWAITING_AGREEMENT"));
        t = lap(legs, 0, t);
        send("POST", "/api/bindings/" + id + "/agreement", "{\"version\":\"2026.1\",\"accepted\":true}", Map.of());
        send("POST", "/api/bindings/" + id + "/otp/send", "", Map.of());   // its answer shows the code, not the binding
        if (LONG_POLL) {   // the app shows "code sent" when the send job has sent it; then the phone has it
            await(id, null, b -> b.path("otp").path("codeState").asText().equals("SENT"));
        }
        String code = null;
        while (code == null) {
            JsonNode sms = send("GET", "/sandbox/sms/" + user, null, Map.of());
            code = sms.hasNonNull("text") ? sms.path("code").asText() : null;   // a 404 problem has no text
            if (code == null) {
                pause();
            }
        }
        t = lap(legs, 1, t);
        Seen entered = seen(exchange("POST", "/api/bindings/" + id + "/otp", "{\"code\":\"" + code + "\"}", Map.of()));
        Seen waiting = await(id, entered, b -> b.path("wechat").hasNonNull("authorizationUrl"));
        t = lap(legs, 2, t);
        send("POST", waiting.binding().path("wechat").path("authorizationUrl").asText(), "{\"action\":\"APPROVE\",\"priority\":1}", Map.of());
        await(id, waiting, b -> b.path("status").asText().equals("AWAITING_PREFERENCES"));
        t = lap(legs, 3, t);
        send("POST", "/api/bindings/" + id + "/preferences", "{\"perTransactionCap\":null}", Map.of());
        Seen faced = seen(exchange("POST", "/api/bindings/" + id + "/face", "{\"providerToken\":\"pass\"}", Map.of()));
        await(id, faced, b -> b.path("status").asText().equals("ACTIVE"));
        lap(legs, 4, t);
    }

    /** The engine floor: the same steps, each the engine call bindflow's step makes, to the end of the process. */
    void floor(String user, long[] legs) throws Exception {
        long t = System.nanoTime();
        String id = send("POST", "/sandbox/floor/bindings", "{\"userId\":\"" + user + "\"}", Map.of()).path("id").asText();
        awaitFloor(id, "AgreementAccepted");
        t = lap(legs, 0, t);
        step(id, "AgreementAccepted");
        step(id, "OtpRequested");
        awaitFloor(id, "OtpVerified");                // the send job ran: the code would be there
        t = lap(legs, 1, t);
        step(id, "OtpVerified");
        awaitFloor(id, "WeChatAuthorized");           // the authorization request job ran
        t = lap(legs, 2, t);
        step(id, "WeChatAuthorized");                 // bindflow: WeChat's notification, through the inbox
        awaitFloor(id, "PreferencesSet");
        t = lap(legs, 3, t);
        step(id, "PreferencesSet");
        step(id, "FaceVerified");
        awaitFloor(id, "END");                        // the test payment and refund jobs ran
        lap(legs, 4, t);
    }

    private static long lap(long[] legs, int leg, long since) {
        long now = System.nanoTime();
        legs[leg] = now - since;
        return now;
    }

    private void step(String id, String message) throws Exception {
        send("POST", "/sandbox/floor/bindings/" + id + "/" + message, "", Map.of());
    }

    private void awaitFloor(String id, String awaiting) throws Exception {
        String wait = LONG_POLL ? "&waitSeconds=" + WAIT_SECONDS : "";
        for (int i = 0; i < 20_000; i++) {
            if (send("GET", "/sandbox/floor/bindings/" + id + "?awaiting=" + awaiting + wait, null, Map.of()).path("ready").asBoolean()) {
                return;
            }
            if (!LONG_POLL) {
                pause();
            }
        }
        throw new IllegalStateException("floor binding " + id + " never awaited " + awaiting);
    }

    /** A binding as an answer showed it, with the answer's entity tag (none when polling). */
    private record Seen(JsonNode binding, String etag) {
    }

    private static Seen seen(HttpResponse<String> answer) throws Exception {
        return new Seen(JSON.readTree(answer.body()), LONG_POLL ? answer.headers().firstValue("ETag").orElse(null) : null);
    }

    /**
     * Until the binding is {@code ready}: from what an answer showed ({@code from}, or nothing), with long polls one
     * request per change after it (a request without a tag first when there is none), else one every poll interval.
     */
    private Seen await(String id, Seen from, Predicate<JsonNode> ready) throws Exception {
        Seen last = from;
        long deadline = System.nanoTime() + AWAIT_LIMIT.toNanos();
        while (true) {
            if (last != null) {
                if (ready.test(last.binding())) {
                    return last;
                }
                String status = last.binding().path("status").asText();
                if (status.equals("FAILED") || status.equals("EXPIRED") || status.equals("REJECTED")) {
                    throw new IllegalStateException("binding " + id + " ended " + status + ": " + last.binding());
                }
                if (!LONG_POLL) {
                    pause();
                }
            }
            String etag = last == null ? null : last.etag();
            HttpResponse<String> response = exchange("GET", "/api/bindings/" + id
                    + (etag != null ? "?waitSeconds=" + WAIT_SECONDS : ""), null,
                    etag != null ? Map.of("If-None-Match", etag) : Map.of());
            if (response.statusCode() != 304) {   // 304: the wait ended without a change
                last = seen(response);
            }
            if (System.nanoTime() > deadline && (last == null || !ready.test(last.binding()))) {
                throw new IllegalStateException("binding " + id + " did not get there in " + AWAIT_LIMIT + ": "
                        + (last == null ? "never read" : last.binding()));
            }
        }
    }

    private static void pause() throws InterruptedException {
        Thread.sleep(POLL_MILLIS);
    }

    private JsonNode send(String method, String path, String body, Map<String, String> headers) throws Exception {
        HttpResponse<String> response = exchange(method, path, body, headers);
        return JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
    }

    /** One request; a 4xx or 5xx fails the binding (but the 404 of an SMS not there yet). */
    private HttpResponse<String> exchange(String method, String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", AUTH).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        requests.incrementAndGet();
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 400 && !(response.statusCode() == 404 && path.startsWith("/sandbox/sms/"))) {
            throw new IllegalStateException(method + " " + path + " → " + response.statusCode() + " " + response.body());
        }
        return response;
    }
}
