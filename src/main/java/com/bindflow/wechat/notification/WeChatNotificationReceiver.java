package com.bindflow.wechat.notification;

import static com.bindflow.shared.Jdbc.ts;

import com.bindflow.shared.ApiProblem;
import com.bindflow.shared.Texts;
import com.bindflow.wechat.WeChatPayKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.wechat.pay.java.core.exception.DecryptionException;
import com.wechat.pay.java.core.exception.MalformedMessageException;
import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RSAPublicKeyNotificationConfig;
import com.wechat.pay.java.core.notification.RequestParam;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts WeChat Pay's signed notifications (SPEC: {@code POST /api/wechat/notifications}), in this order:
 * <ol>
 *   <li>the headers {@code Wechatpay-Timestamp}, {@code -Nonce}, {@code -Signature}, {@code -Serial} are present
 *       ({@code -Signature-Type} defaults to {@code WECHATPAY2-SHA256-RSA2048}), else 400;</li>
 *   <li>the timestamp is within ±5 minutes of the engine clock, else 401 {@code STALE_TIMESTAMP};</li>
 *   <li>WeChat Pay's SDK ({@link NotificationParser}) verifies the SHA256withRSA signature over
 *       {@code timestamp\nnonce\nbody\n} with the platform public key of that serial (else 401
 *       {@code INVALID_SIGNATURE}) and decrypts the AES-256-GCM resource with the API v3 key (else 400
 *       {@code UNDECRYPTABLE}, or {@code MALFORMED_NOTIFICATION} when the body is not a notification);</li>
 *   <li>the nonce was never accepted before, on any node (table {@code wechat_nonce}), else 401
 *       {@code REPLAYED_NONCE}: checked only after the signature, so a forger cannot burn nonces;</li>
 *   <li>in the same transaction, the notification is stored in the inbox unless its id is there already (WeChat's
 *       duplicates and retries carry the same id: accepted, nothing changes).</li>
 * </ol>
 * A refused notification changes nothing: no nonce is kept and no inbox row is written. The events are processed
 * later by {@link WeChatNotificationInbox}.
 */
@Service
public class WeChatNotificationReceiver {

    public static final String TIMESTAMP = "Wechatpay-Timestamp";
    public static final String NONCE = "Wechatpay-Nonce";
    public static final String SIGNATURE = "Wechatpay-Signature";
    public static final String SERIAL = "Wechatpay-Serial";
    public static final String SIGNATURE_TYPE = "Wechatpay-Signature-Type";
    public static final String DEFAULT_SIGNATURE_TYPE = "WECHATPAY2-SHA256-RSA2048";

    /** How far a notification's timestamp may be from the engine clock, either way. */
    public static final Duration WINDOW = Duration.ofMinutes(5);
    /** Nonces are kept this long after their timestamp: longer than the window, after which they are refused anyway. */
    public static final Duration NONCE_RETENTION = Duration.ofMinutes(10);
    /** The largest body accepted (WeChat's notifications are a few kilobytes). */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(WeChatNotificationReceiver.class);
    private static final int MAX_TRANSACTION_ATTEMPTS = 5;

    /** The request headers of a notification (null when missing). */
    public record Headers(String timestamp, String nonce, String signature, String serial, String signatureType) {
    }

    public enum Outcome { STORED, DUPLICATE }

    private final WeChatPayKeys keys;
    private volatile NotificationParser parser;
    private final WeChatNotificationInbox inbox;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ObjectMapper json;

    public WeChatNotificationReceiver(WeChatPayKeys keys, WeChatNotificationInbox inbox, JdbcTemplate jdbc,
                                      PlatformTransactionManager transactionManager, Clock clock, ObjectMapper json) {
        this.keys = keys;
        this.inbox = inbox;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.json = json;
    }

    /**
     * The SDK's verifier and decrypter, made with the first notification: the sandbox's keys are generated after the
     * start (production's are read and checked when the application starts, {@code ConfiguredWeChatPayKeys}).
     */
    private NotificationParser parser() {
        NotificationParser made = parser;
        if (made == null) {
            made = new NotificationParser(new RSAPublicKeyNotificationConfig.Builder()
                    .publicKey(keys.platformPublicKey())
                    .publicKeyId(keys.publicKeyId())
                    .apiV3Key(keys.apiV3Key())
                    .build());
            parser = made;   // two first notifications at once may both make one: they are alike
        }
        return made;
    }

    /** Checks and stores one notification; throws {@link ApiProblem} when it is refused (then nothing is written). */
    public Outcome receive(Headers headers, String body) {
        requireHeader(TIMESTAMP, headers.timestamp(), 20);
        requireHeader(NONCE, headers.nonce(), 128);
        requireHeader(SIGNATURE, headers.signature(), 2048);
        requireHeader(SERIAL, headers.serial(), 128);
        if (body == null || body.isEmpty()) {
            throw ApiProblem.badRequest("body", "The notification has no body.");
        }
        Instant signedAt = checkTimestamp(headers.timestamp());
        String resourceJson = verifyAndDecrypt(headers, body);
        WeChatNotificationInbox.Incoming incoming = envelope(body, resourceJson);
        return store(headers.nonce(), signedAt, incoming);
    }

    private static void requireHeader(String name, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw ApiProblem.badRequest(name, "The header " + name + " is required.");
        }
        if (value.length() > maxLength) {
            throw ApiProblem.badRequest(name, "The header " + name + " is longer than " + maxLength + " characters.");
        }
    }

    private Instant checkTimestamp(String timestamp) {
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest(TIMESTAMP, "The header " + TIMESTAMP + " must be a Unix time in seconds.");
        }
        Instant signedAt;
        Instant now = clock.instant();
        try {
            signedAt = Instant.ofEpochSecond(seconds);
        } catch (RuntimeException outOfRange) {
            signedAt = null;
        }
        if (signedAt == null || Duration.between(signedAt, now).abs().compareTo(WINDOW) > 0) {
            throw refused(HttpStatus.UNAUTHORIZED, "STALE_TIMESTAMP", "The notification's timestamp is more than "
                    + WINDOW.toMinutes() + " minutes away from the current time.");
        }
        return signedAt;
    }

    /** The SDK: signature, then the resource's decryption; returns the decrypted resource as JSON. */
    private String verifyAndDecrypt(Headers headers, String body) {
        if (!isBase64(headers.signature())) {
            throw refused(HttpStatus.UNAUTHORIZED, "INVALID_SIGNATURE", "The signature is not valid Base64.");
        }
        RequestParam request = new RequestParam.Builder()
                .serialNumber(headers.serial())
                .timestamp(headers.timestamp())
                .nonce(headers.nonce())
                .signature(headers.signature())
                .signType(headers.signatureType())
                .body(body)
                .build();
        NotificationParser parser = parser();   // a key that cannot be read is our fault, not the sender's: not caught below
        try {
            JsonObject resource = parser.parse(request, JsonObject.class);
            if (resource == null) {
                throw refused(HttpStatus.BAD_REQUEST, "MALFORMED_NOTIFICATION", "The decrypted resource is empty.");
            }
            return resource.toString();
        } catch (ValidationException e) {
            throw refused(HttpStatus.UNAUTHORIZED, "INVALID_SIGNATURE", "The signature does not verify with WeChat Pay's "
                    + "platform public key of serial " + headers.serial() + " (or the signature type is not supported).");
        } catch (DecryptionException | IllegalArgumentException e) {
            throw refused(HttpStatus.BAD_REQUEST, "UNDECRYPTABLE",
                    "The notification's resource cannot be decrypted with the API v3 key.");
        } catch (MalformedMessageException | JsonParseException | NullPointerException e) {
            throw refused(HttpStatus.BAD_REQUEST, "MALFORMED_NOTIFICATION",
                    "The body is not a WeChat Pay notification with an encrypted resource.");
        }
    }

    private static boolean isBase64(String s) {
        try {
            Base64.getDecoder().decode(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private WeChatNotificationInbox.Incoming envelope(String body, String resourceJson) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (Exception e) {
            throw refused(HttpStatus.BAD_REQUEST, "MALFORMED_NOTIFICATION", "The body is not JSON.");
        }
        String id = text(root, "id", 128);
        String eventType = text(root, "event_type", 64);
        if (resourceJson.length() > 16_000) {
            throw refused(HttpStatus.BAD_REQUEST, "MALFORMED_NOTIFICATION", "The decrypted resource is too large.");
        }
        return new WeChatNotificationInbox.Incoming(id, eventType,
                Texts.truncate(root.path("resource_type").asText(null), 64),
                Texts.truncate(root.path("summary").asText(null), 500),
                Texts.truncate(root.path("create_time").asText(null), 64), resourceJson);
    }

    private static String text(JsonNode root, String field, int maxLength) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank() || node.asText().length() > maxLength) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "MALFORMED_NOTIFICATION", field,
                    "The notification's " + field + " must be a string of 1 to " + maxLength + " characters.");
        }
        return node.asText();
    }

    /**
     * Nonce and inbox row in one transaction. Two requests racing with the same nonce or the same notification id:
     * the database's primary key stops the second insert; its transaction is rolled back as a whole (on PostgreSQL
     * nothing more could be done in it) and run again, and then sees the other request's committed rows.
     */
    private Outcome store(String nonce, Instant signedAt, WeChatNotificationInbox.Incoming incoming) {
        for (int attempt = 1; ; attempt++) {
            try {
                Outcome outcome = tx.execute(s -> {
                    Integer used = jdbc.queryForObject("select count(*) from wechat_nonce where nonce = ?", Integer.class, nonce);
                    if (used != null && used > 0) {
                        throw refused(HttpStatus.UNAUTHORIZED, "REPLAYED_NONCE", "This nonce was used before.");
                    }
                    Instant now = clock.instant();
                    jdbc.update("insert into wechat_nonce (nonce, signed_at, received_at) values (?,?,?)",
                            nonce, ts(signedAt), ts(now));
                    return inbox.storeIfNew(incoming, now) ? Outcome.STORED : Outcome.DUPLICATE;
                });
                if (outcome == Outcome.STORED) {
                    log.info("WeChat notification {} ({}) stored", incoming.id(), incoming.eventType());
                } else {
                    inbox.duplicate(incoming.eventType());
                    log.info("WeChat notification {} ({}) received again: a duplicate, nothing changed",
                            incoming.id(), incoming.eventType());
                }
                return outcome;
            } catch (DataIntegrityViolationException | ConcurrencyFailureException race) {
                if (attempt >= MAX_TRANSACTION_ATTEMPTS) {
                    throw race;
                }
                log.debug("WeChat notification {}: concurrent delivery, trying again: {}", incoming.id(), race.getMessage());
            }
        }
    }

    /** Deletes the nonces whose timestamp is past the window (they would be refused as stale anyway). */
    public int deleteExpiredNonces() {
        return jdbc.update("delete from wechat_nonce where signed_at < ?", ts(clock.instant().minus(NONCE_RETENTION)));
    }

    private static ApiProblem refused(HttpStatus status, String code, String detail) {
        log.warn("WeChat notification refused: {} {}", status.value(), code);
        return new ApiProblem(status, code, detail);
    }
}
