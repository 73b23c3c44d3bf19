package com.bindflow.sandbox.wechat;

import com.bindflow.sandbox.SandboxOnly;
import com.bindflow.shared.DueWork;
import com.bindflow.shared.EngineClock;
import com.bindflow.shared.Jdbc;
import com.bindflow.wechat.notification.WeChatNotificationController;
import com.bindflow.wechat.notification.WeChatNotificationReceiver;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wechat.pay.java.core.cipher.AeadAesCipher;
import com.wechat.pay.java.core.cipher.RSASigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The sandbox WeChat Pay's notifications, as WeChat Pay API v3 sends them: a JSON envelope whose {@code resource} is
 * encrypted with AEAD_AES_256_GCM under the API v3 key, signed with SHA256withRSA over
 * {@code timestamp\nnonce\nbody\n} with the platform private key, and POSTed with the {@code Wechatpay-*} headers to
 * {@code bindflow.sandbox.wechat.notify-url} (default: this node's own endpoint). The timestamp comes from the engine
 * clock, so a notification sent after the test clock moved is not stale.
 *
 * <p>Sending is asynchronous, on a small executor, and at least once: each event is delivered
 * {@code bindflow.sandbox.wechat.duplicates} times (default 1) with {@code bindflow.sandbox.wechat.delay} between the
 * copies (real time, default none), every copy freshly signed (new nonce and timestamp, the same notification id),
 * as WeChat does when it retries; a copy that is not answered with 2xx is tried again up to 3 times, a second apart.
 * {@link #awaitDeliveries(Duration)} waits for everything this node submitted.
 *
 * <p>What is on its way lives in the database ({@code sandbox_wechat_delivery}), the sandbox's stand-in for WeChat's
 * own delivery queue: written with the event (in its transaction when there is one), delivered by this node right after
 * that commits, under a claim of {@value #CLAIM_SECONDS} s (real time); a node that died before or while delivering
 * leaves it to any other node ({@link #deliverPending()}: every second, see
 * {@link SandboxWeChatRedelivery}, and when the test clock runs what is due).
 * Delivered rows are deleted.
 */
@Component
@SandboxOnly
@Order(DueWork.FIRST)
public class SandboxWeChatNotifier implements ApplicationListener<WebServerInitializedEvent>, DisposableBean, DueWork {

    private static final Logger log = LoggerFactory.getLogger(SandboxWeChatNotifier.class);
    private static final String ALGORITHM = "AEAD_AES_256_GCM";
    private static final int TRIES_PER_COPY = 3;
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    private static final int DELIVERY_LOG_SIZE = 500;
    static final int CLAIM_SECONDS = 60;

    /** A notification ready to POST: the exact body and the headers that sign it. */
    public record SignedNotification(String body, String timestamp, String nonce, String signature, String serial,
                                     String signatureType) {

        public Map<String, String> headers() {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put(WeChatNotificationReceiver.TIMESTAMP, timestamp);
            headers.put(WeChatNotificationReceiver.NONCE, nonce);
            headers.put(WeChatNotificationReceiver.SIGNATURE, signature);
            headers.put(WeChatNotificationReceiver.SERIAL, serial);
            headers.put(WeChatNotificationReceiver.SIGNATURE_TYPE, signatureType);
            return headers;
        }

        public byte[] bodyBytes() {
            return body.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** One POST of a notification and how our endpoint answered it (status 0: no answer, see error). */
    public record Delivery(String notificationId, int copy, int attempt, int status, String error, Instant at) {

        public boolean accepted() {
            return status >= 200 && status < 300;
        }
    }

    private final SandboxWeChatPayKeys keys;
    private final Clock clock;
    /** Real time, for the claims on deliveries (the engine clock jumps with the test clock). */
    private final Clock realTime = Clock.systemUTC();
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final String configuredNotifyUrl;
    private final int configuredDuplicates;
    private final Duration configuredDelay;
    private final String contextPath;
    private final SecureRandom random = new SecureRandom();
    private final HttpClient http;
    private final ExecutorService executor;
    private final Object outstandingLock = new Object();
    private final Deque<Delivery> deliveries = new ArrayDeque<>();

    private volatile int port;
    private volatile int duplicates;
    private volatile Duration delay;
    private int outstanding;

    public SandboxWeChatNotifier(SandboxWeChatPayKeys keys, Clock clock, ObjectMapper json, JdbcTemplate jdbc,
                                 @Value("${bindflow.sandbox.wechat.notify-url:}") String notifyUrl,
                                 @Value("${bindflow.sandbox.wechat.duplicates:1}") int duplicates,
                                 @Value("${bindflow.sandbox.wechat.delay:PT0S}") Duration delay,
                                 @Value("${server.port:8080}") int serverPort,
                                 @Value("${server.servlet.context-path:}") String contextPath) {
        this.keys = keys;
        this.clock = clock;
        this.json = json;
        this.jdbc = jdbc;
        this.configuredNotifyUrl = notifyUrl == null ? "" : notifyUrl.trim();
        this.configuredDuplicates = requireDuplicates(duplicates);
        this.configuredDelay = requireDelay(delay);
        this.duplicates = configuredDuplicates;
        this.delay = configuredDelay;
        this.port = serverPort;
        this.contextPath = contextPath == null ? "" : contextPath.replaceAll("/+$", "");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        CustomizableThreadFactory threads = new CustomizableThreadFactory("sandbox-wechat-notify-");
        threads.setDaemon(true);
        this.executor = Executors.newFixedThreadPool(2, threads);
    }

    /** The port the web server really listens on (a random port in tests). */
    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        String namespace = event.getApplicationContext().getServerNamespace();
        if (namespace == null || namespace.isEmpty()) {
            this.port = event.getWebServer().getPort();
        }
    }

    public URI notifyUrl() {
        return URI.create(configuredNotifyUrl.isEmpty()
                ? "http://localhost:" + port + contextPath + WeChatNotificationController.PATH
                : configuredNotifyUrl);
    }

    // ---- settings (changeable at run time, for tests and demos) --------------------------------------------------

    public int duplicates() {
        return duplicates;
    }

    /** How many times each event is delivered (1 = once). */
    public void setDuplicates(int duplicates) {
        this.duplicates = requireDuplicates(duplicates);
    }

    public Duration delay() {
        return delay;
    }

    /** Real-time pause between two copies of an event. */
    public void setDelay(Duration delay) {
        this.delay = requireDelay(delay);
    }

    /** Back to the configured duplicates and delay. */
    public void resetSettings() {
        this.duplicates = configuredDuplicates;
        this.delay = configuredDelay;
    }

    private static int requireDuplicates(int duplicates) {
        if (duplicates < 1 || duplicates > 100) {
            throw new IllegalArgumentException("bindflow.sandbox.wechat.duplicates must be between 1 and 100");
        }
        return duplicates;
    }

    private static Duration requireDelay(Duration delay) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("bindflow.sandbox.wechat.delay must not be negative");
        }
        return delay;
    }

    // ---- building and signing ---------------------------------------------------------------------------------------

    /**
     * The body of a notification: the envelope with {@code resource} encrypted under the API v3 key (a fresh 12
     * character nonce, associated data {@code original_type}).
     */
    public String body(String notificationId, String eventType, String summary, String originalType,
                       Map<String, ?> resource) {
        try {
            String nonce = SandboxWeChatPayKeys.randomString(random, 12);
            byte[] plaintext = json.writeValueAsBytes(resource);
            String ciphertext = new AeadAesCipher(keys.apiV3Key().getBytes(StandardCharsets.UTF_8))
                    .encrypt(originalType.getBytes(StandardCharsets.UTF_8), nonce.getBytes(StandardCharsets.UTF_8), plaintext);
            Map<String, Object> encrypted = new LinkedHashMap<>();
            encrypted.put("original_type", originalType);
            encrypted.put("algorithm", ALGORITHM);
            encrypted.put("ciphertext", ciphertext);
            encrypted.put("associated_data", originalType);
            encrypted.put("nonce", nonce);
            Map<String, Object> envelope = new LinkedHashMap<>();
            envelope.put("id", notificationId);
            envelope.put("create_time", rfc3339(clock.instant()));
            envelope.put("resource_type", "encrypt-resource");
            envelope.put("event_type", eventType);
            envelope.put("summary", summary);
            envelope.put("resource", encrypted);
            return json.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("resource cannot be written as JSON", e);
        }
    }

    /** Signs a body as WeChat Pay would send it now (engine clock), with a fresh nonce. */
    public SignedNotification sign(String body) {
        return sign(body, clock.instant().getEpochSecond(), SandboxWeChatPayKeys.randomString(random, 32));
    }

    /** Signs a body with the given timestamp (Unix seconds) and nonce: for tests that forge or replay. */
    public SignedNotification sign(String body, long timestampSeconds, String nonce) {
        String timestamp = Long.toString(timestampSeconds);
        String message = timestamp + "\n" + nonce + "\n" + body + "\n";
        String signature = new RSASigner(keys.publicKeyId(), keys.platformPrivateKey()).sign(message).getSign();
        return new SignedNotification(body, timestamp, nonce, signature, keys.publicKeyId(),
                WeChatNotificationReceiver.DEFAULT_SIGNATURE_TYPE);
    }

    /** A signed notification of a contract event, not sent: for tests of the endpoint. */
    public SignedNotification notification(String notificationId, String eventType, String summary,
                                           Map<String, ?> resource) {
        return sign(body(notificationId, eventType, summary, "contract", resource));
    }

    // ---- sending ----------------------------------------------------------------------------------------------------

    /**
     * Sends a contract event asynchronously, {@link #duplicates()} times, each copy freshly signed: queued in the
     * database (in the caller's transaction, if any) and delivered by this node right after that commits. Returns at
     * once; {@link #awaitDeliveries(Duration)} waits for the deliveries.
     */
    public void send(String notificationId, String eventType, String summary, Map<String, ?> resource) {
        if (!queue(notificationId, eventType, summary, resource)) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    submit(notificationId);
                }
            });
        } else {
            submit(notificationId);
        }
    }

    /** Writes a notification on its way; false when it is on its way already. */
    boolean queue(String notificationId, String eventType, String summary, Map<String, ?> resource) {
        String body = body(notificationId, eventType, summary, "contract", resource);
        try {
            jdbc.update("insert into sandbox_wechat_delivery (notification_id, body, copies, delay_millis, state, "
                    + "created_at) values (?,?,?,?,?,?)", notificationId, body, duplicates, delay.toMillis(), "PENDING",
                    Jdbc.ts(realTime.instant()));
            return true;
        } catch (DuplicateKeyException onItsWay) {
            log.info("sandbox WeChat notification {} is on its way already", notificationId);
            return false;
        }
    }

    private void submit(String notificationId) {
        synchronized (outstandingLock) {
            outstanding++;
        }
        try {
            executor.execute(() -> {
                try {
                    deliverIfClaimed(notificationId);
                } catch (RuntimeException e) {
                    log.warn("sandbox WeChat notification {} not delivered (another node will): {}", notificationId,
                            e.toString());
                } finally {
                    done();
                }
            });
        } catch (RejectedExecutionException e) {
            done();
            log.warn("sandbox WeChat notification {} not sent: the notifier is shut down", notificationId);
        }
    }

    /**
     * Delivers what is on its way and no node delivers now: written by a node that died before or while delivering it
     * (or not yet taken by the node that wrote it). Returns how many it delivered.
     */
    public int deliverPending() {
        List<String> due = jdbc.queryForList("select notification_id from sandbox_wechat_delivery where state = ? "
                + "or claimed_until < ? order by created_at", String.class, "PENDING", Jdbc.ts(realTime.instant()));
        int delivered = 0;
        for (String id : due) {
            if (deliverIfClaimed(id)) {
                delivered++;
            }
        }
        return delivered;
    }

    /** Claims a notification on its way, delivers it and deletes it; false when another node has it. */
    private boolean deliverIfClaimed(String notificationId) {
        Instant now = realTime.instant();
        int claimed = jdbc.update("update sandbox_wechat_delivery set state = ?, claimed_until = ? where notification_id = ? "
                        + "and (state = ? or claimed_until < ?)", "SENDING", Jdbc.ts(now.plusSeconds(CLAIM_SECONDS)),
                notificationId, "PENDING", Jdbc.ts(now));
        if (claimed != 1) {
            return false;
        }
        Map<String, Object> row = jdbc.queryForMap("select body, copies, delay_millis from sandbox_wechat_delivery "
                + "where notification_id = ?", notificationId);
        deliver(notificationId, (String) row.get("body"), ((Number) row.get("copies")).intValue(),
                Duration.ofMillis(((Number) row.get("delay_millis")).longValue()));
        jdbc.update("delete from sandbox_wechat_delivery where notification_id = ?", notificationId);
        return true;
    }

    private void done() {
        synchronized (outstandingLock) {
            outstanding--;
            outstandingLock.notifyAll();
        }
    }

    /**
     * For the test clock: the notifications on their way reach our endpoint (and its inbox) before the jobs and the inbox
     * run: this node's, and those another node left. Returns how many of the others it delivered (what the deliveries
     * store is counted by the inbox).
     */
    @Override
    public int runDue() {
        awaitDeliveries(Duration.ofSeconds(30));
        return deliverPending();
    }

    /** Waits until every notification submitted so far has been delivered (or given up); false on timeout. */
    public boolean awaitDeliveries(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (outstandingLock) {
            while (outstanding > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(outstandingLock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /** The recent deliveries of a notification (the last few hundred deliveries are kept), oldest first. */
    public List<Delivery> deliveries(String notificationId) {
        synchronized (deliveries) {
            return deliveries.stream().filter(d -> d.notificationId().equals(notificationId)).toList();
        }
    }

    private void deliver(String notificationId, String body, int copies, Duration pause) {
        URI url = notifyUrl();
        for (int copy = 1; copy <= copies; copy++) {
            if (copy > 1 && !pause(pause)) {
                return;
            }
            for (int attempt = 1; attempt <= TRIES_PER_COPY; attempt++) {
                if (attempt > 1 && !pause(RETRY_PAUSE)) {
                    return;
                }
                if (post(url, notificationId, copy, attempt, sign(body))) {
                    break;
                }
            }
        }
    }

    private boolean post(URI url, String notificationId, int copy, int attempt, SignedNotification n) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(n.bodyBytes()));
        n.headers().forEach(request::header);
        int status = 0;
        String error = null;
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            if (status < 200 || status >= 300) {
                error = response.body();
            }
        } catch (IOException e) {
            error = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        Delivery delivery = new Delivery(notificationId, copy, attempt, status, error, clock.instant());
        synchronized (deliveries) {
            deliveries.addLast(delivery);
            while (deliveries.size() > DELIVERY_LOG_SIZE) {
                deliveries.removeFirst();
            }
        }
        if (delivery.accepted()) {
            log.info("sandbox WeChat notification {} (copy {}) delivered to {}: {}", notificationId, copy, url, status);
        } else {
            log.warn("sandbox WeChat notification {} (copy {}, try {}) to {} not accepted: {} {}", notificationId, copy,
                    attempt, url, status, error);
        }
        return delivery.accepted();
    }

    private static boolean pause(Duration pause) {
        if (pause.isZero()) {
            return true;
        }
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static String rfc3339(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), EngineClock.CHINA)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
