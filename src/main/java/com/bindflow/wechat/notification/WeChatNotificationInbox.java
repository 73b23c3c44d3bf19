package com.bindflow.wechat.notification;

import static com.bindflow.shared.Jdbc.instant;
import static com.bindflow.shared.Jdbc.ts;

import com.bindflow.shared.DueWork;
import com.bindflow.shared.Texts;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The inbox of WeChat notifications (table {@code wechat_notification}): the endpoint stores each notification id
 * once and answers WeChat at once; {@link #processPending()} hands the stored events to the
 * {@link WeChatEventHandler}s afterwards, on whichever node gets to them first.
 *
 * <p>One notification at a time, each in transactions of its own: a node claims a due row
 * ({@code PENDING → PROCESSING}, committed, checked by the update count, so no two nodes handle it at once), then calls
 * the handlers and marks it {@code PROCESSED} in one transaction (the handlers' writes and the mark commit together).
 * A handler that throws rolls its work back; the row goes back to {@code PENDING}, due {@code attempts × backoff}
 * later, and after {@code maxAttempts} attempts it is {@code FAILED} (logged at ERROR, with the last error). A claim
 * lasts {@code lease}: a row of a node that died while handling it is claimed again after that.
 *
 * <p>A stored notification is handled right after its insert commits ({@code process-on-commit}), by the node and in
 * the request that stored it, its claim in the handling transaction ({@link #handleStored}): the poller then finds it
 * processed, and if both get to it (or two nodes do), the row's lock lets one handle it. When that first attempt fails
 * or never runs (the node died after the commit) the row stays due for the poller, the safety net.
 */
@Component
@Order(DueWork.AFTER_JOBS)
public class WeChatNotificationInbox implements DueWork {

    private static final Logger log = LoggerFactory.getLogger(WeChatNotificationInbox.class);
    private static final int BATCH = 20;
    private static final int MAX_ROUNDS = 10_000;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    public enum State { PENDING, PROCESSING, PROCESSED, FAILED }

    /** One stored notification. */
    public record Entry(String id, String eventType, String resourceType, String summary, String createTime,
                        Map<String, Object> resource, Instant receivedAt, State state, int attempts,
                        Instant nextAttemptAt, String lastError, Instant processedAt) {

        public WeChatEvent event() {
            return new WeChatEvent(id, eventType, resource, receivedAt);
        }
    }

    /** What the endpoint stores of a verified, decrypted notification. */
    public record Incoming(String id, String eventType, String resourceType, String summary, String createTime,
                           String resourceJson) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ObjectMapper json;
    private final Supplier<List<WeChatEventHandler>> handlers;
    private final Supplier<List<WeChatEventTranslator>> translators;
    private final WeChatInboxProperties properties;
    private volatile boolean processOnCommit;
    private final WeChatInboxMetrics metrics;

    /** The application's inbox: the handlers are every {@link WeChatEventHandler} bean, looked up at each run. */
    @Autowired
    public WeChatNotificationInbox(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock,
                                   ObjectMapper json, ObjectProvider<WeChatEventHandler> handlers,
                                   ObjectProvider<WeChatEventTranslator> translators, WeChatInboxProperties properties,
                                   WeChatInboxMetrics metrics) {
        this(jdbc, transactionManager, clock, json, () -> handlers.orderedStream().toList(),
                () -> translators.orderedStream().toList(), properties, metrics);
    }

    /** An inbox with handlers of one's own (tests): the same table, other handlers. */
    public WeChatNotificationInbox(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock,
                                   ObjectMapper json, List<? extends WeChatEventHandler> handlers,
                                   WeChatInboxProperties properties) {
        this(jdbc, transactionManager, clock, json, () -> List.copyOf(handlers), List::of, properties,
                WeChatInboxMetrics.none());
    }

    private WeChatNotificationInbox(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock,
                                    ObjectMapper json, Supplier<List<WeChatEventHandler>> handlers,
                                    Supplier<List<WeChatEventTranslator>> translators, WeChatInboxProperties properties,
                                    WeChatInboxMetrics metrics) {
        this.metrics = metrics;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactionManager);
        // each claim and each handling is a transaction of its own, also when called after the storing one committed
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.processOnCommit = properties.processOnCommit();
        this.clock = clock;
        this.json = json;
        this.handlers = handlers;
        this.translators = translators;
        this.properties = properties;
    }

    // ---- storing (called by the endpoint, inside its transaction) -------------------------------------------------

    /**
     * Stores the notification unless its id is stored already; returns whether it was new. Runs in the caller's
     * transaction. Two nodes storing the same id at once: the primary key lets one insert pass, the other fails with
     * a {@link org.springframework.dao.DuplicateKeyException} (its transaction must then be rolled back and retried).
     */
    boolean storeIfNew(Incoming n, Instant receivedAt) {
        Integer known = jdbc.queryForObject("select count(*) from wechat_notification where id = ?", Integer.class, n.id());
        if (known != null && known > 0) {
            return false;
        }
        jdbc.update("insert into wechat_notification (id, event_type, resource_type, summary, create_time, resource_json, "
                        + "received_at, state, attempts, next_attempt_at) values (?,?,?,?,?,?,?,?,?,?)",
                n.id(), n.eventType(), n.resourceType(), n.summary(), n.createTime(), n.resourceJson(), ts(receivedAt),
                State.PENDING.name(), 0, ts(receivedAt));
        if (processOnCommit && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    processStored(n.id());
                }
            });
        }
        return true;
    }

    /** Handles a notification right after it was stored; what fails here is left to the poller. */
    private void processStored(String id) {
        try {
            handleStored(id, handlers.get());
        } catch (RuntimeException e) {
            log.warn("WeChat notification {}: handling it right after it was stored failed; the poller will: {}", id,
                    e.toString());
        }
    }

    /**
     * The first attempt, right after the store committed: the claim, the handlers and the mark in one transaction (a
     * commit less than the poller's way, on the customer's path). The claim's update holds the row's lock until that
     * commits, so a poller or another node claiming the row meanwhile waits, then finds it processed. When a handler
     * throws, the claim rolls back with its work: the row is as it was stored, due at once, and the poller's attempt
     * is its first. Nothing happens when the row is not as stored any more (another node or the poller had it).
     */
    private void handleStored(String id, List<? extends WeChatEventHandler> handlers) {
        String token = UUID.randomUUID().toString();
        Instant claimedAt = clock.instant();
        Entry handled = tx.execute(s -> {
            int claimed = jdbc.update("update wechat_notification set state = ?, claim_token = ?, attempts = attempts + 1, "
                            + "next_attempt_at = ? where id = ? and state = ? and attempts = 0",
                    State.PROCESSING.name(), token, ts(claimedAt.plus(properties.lease())), id, State.PENDING.name());
            return claimed == 1 ? handleClaimed(id, token, handlers) : null;
        });
        if (handled != null) {
            metrics.handled(handled.eventType(), Duration.between(handled.receivedAt(), clock.instant()));
        }
    }

    /** Whether stored notifications are handled right after their commit (tests switch it on where they test it). */
    public void processOnCommit(boolean on) {
        this.processOnCommit = on;
    }

    /** A notification received again (the endpoint ignores it): counted. */
    void duplicate(String eventType) {
        metrics.duplicate(eventType);
    }

    // ---- reading ----------------------------------------------------------------------------------------------------

    public Optional<Entry> find(String notificationId) {
        return jdbc.query("select * from wechat_notification where id = ?", mapper(), notificationId).stream().findFirst();
    }

    /** Every stored notification, oldest first. */
    public List<Entry> list() {
        return jdbc.query("select * from wechat_notification order by received_at, id", mapper());
    }

    // ---- processing -------------------------------------------------------------------------------------------------

    /**
     * Hands every due notification to the handler beans, one at a time; returns how many it claimed (processed or
     * failed once more). Called by the poller every {@code poll-interval}, and by the sandbox test clock after it moved
     * the clock ({@link #runDue()}).
     */
    public int processPending() {
        return processPending(handlers.get());
    }

    @Override
    public int runDue() {
        return processPending();
    }

    /** As {@link #processPending()}, with the given handlers instead of the handler beans. */
    public int processPending(List<? extends WeChatEventHandler> handlers) {
        int claimed = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Instant now = clock.instant();
            List<String> due = jdbc.queryForList("select id from wechat_notification "
                    + "where (state = ? and next_attempt_at <= ?) or (state = ? and next_attempt_at < ?) "
                    + "order by next_attempt_at, id fetch first " + BATCH + " rows only", String.class,
                    State.PENDING.name(), ts(now), State.PROCESSING.name(), ts(now));
            int claimedNow = 0;
            for (String id : due) {
                if (processOne(id, handlers)) {
                    claimedNow++;
                }
            }
            claimed += claimedNow;
            if (claimedNow == 0) {
                return claimed;
            }
        }
        log.warn("stopped after {} rounds: more WeChat notifications keep falling due", MAX_ROUNDS);
        return claimed;
    }

    /** Claims, handles and marks one notification; false when another node had it (or it was not due any more). */
    private boolean processOne(String id, List<? extends WeChatEventHandler> handlers) {
        String token = UUID.randomUUID().toString();
        Instant claimedAt = clock.instant();
        // the claim: committed on its own, so other nodes see PROCESSING until the lease (next_attempt_at) runs out
        Integer attempts = tx.execute(s -> {
            int updated = jdbc.update("update wechat_notification set state = ?, claim_token = ?, attempts = attempts + 1, "
                            + "next_attempt_at = ? where id = ? and ((state = ? and next_attempt_at <= ?) "
                            + "or (state = ? and next_attempt_at < ?))",
                    State.PROCESSING.name(), token, ts(claimedAt.plus(properties.lease())), id,
                    State.PENDING.name(), ts(claimedAt), State.PROCESSING.name(), ts(claimedAt));
            return updated == 1
                    ? jdbc.queryForObject("select attempts from wechat_notification where id = ?", Integer.class, id)
                    : null;
        });
        if (attempts == null) {
            return false;
        }
        try {
            Entry handled = tx.execute(s -> handleClaimed(id, token, handlers));
            metrics.handled(handled.eventType(), Duration.between(handled.receivedAt(), clock.instant()));
            return true;
        } catch (ClaimLost e) {
            log.warn("WeChat notification {}: the claim ran out while it was handled; another node has it now", id);
            return true;
        } catch (RuntimeException e) {
            recordFailure(id, token, attempts, e);
            return true;
        }
    }

    /**
     * Inside the caller's transaction: hands the row this node claimed with {@code token} to the handlers and marks it
     * PROCESSED; {@link ClaimLost} when the claim is not this node's any more (its lease ran out meanwhile).
     */
    private Entry handleClaimed(String id, String token, List<? extends WeChatEventHandler> handlers) {
        Entry entry = find(id).orElseThrow();
        dispatch(entry.event(), handlers);
        int marked = jdbc.update("update wechat_notification set state = ?, processed_at = ?, last_error = null, "
                        + "claim_token = null where id = ? and state = ? and claim_token = ?",
                State.PROCESSED.name(), ts(clock.instant()), id, State.PROCESSING.name(), token);
        if (marked != 1) {
            throw new ClaimLost(id);
        }
        return entry;
    }

    private void dispatch(WeChatEvent received, List<? extends WeChatEventHandler> handlers) {
        WeChatEvent event = received;
        for (WeChatEventTranslator translator : translators.get()) {
            event = translator.translate(event);
        }
        boolean handled = false;
        for (WeChatEventHandler handler : handlers) {
            if (handler.handles(event.eventType())) {
                handler.handle(event);
                handled = true;
            }
        }
        if (!handled) {
            log.info("WeChat notification {} ({}): no handler acts on this event type; marked processed",
                    event.notificationId(), event.eventType());
        }
    }

    private void recordFailure(String id, String token, int attempts, RuntimeException e) {
        Instant now = clock.instant();
        String error = Texts.truncate(e.getClass().getName() + ": " + e.getMessage(), 2000);
        boolean failed = attempts >= properties.maxAttempts();
        Instant next = failed ? now : now.plus(properties.backoff().multipliedBy(attempts));
        int updated = tx.execute(s -> jdbc.update("update wechat_notification set state = ?, next_attempt_at = ?, "
                        + "last_error = ?, claim_token = null where id = ? and state = ? and claim_token = ?",
                (failed ? State.FAILED : State.PENDING).name(), ts(next), error, id, State.PROCESSING.name(), token));
        if (updated != 1) {
            log.warn("WeChat notification {}: attempt {} failed ({}), but the claim ran out meanwhile", id, attempts, error);
        } else if (failed) {
            log.error("WeChat notification {}: FAILED after {} attempts; last error: {}", id, attempts, error, e);
        } else {
            log.warn("WeChat notification {}: attempt {} failed, next attempt at {}: {}", id, attempts, next, error);
        }
    }

    private RowMapper<Entry> mapper() {
        return (rs, n) -> new Entry(rs.getString("id"), rs.getString("event_type"), rs.getString("resource_type"),
                rs.getString("summary"), rs.getString("create_time"), parse(rs.getString("resource_json")),
                instant(rs, "received_at"), State.valueOf(rs.getString("state")), rs.getInt("attempts"),
                instant(rs, "next_attempt_at"), rs.getString("last_error"), instant(rs, "processed_at"));
    }

    private Map<String, Object> parse(String resourceJson) {
        try {
            return json.readValue(resourceJson, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored WeChat resource is not JSON", e);
        }
    }


    private static final class ClaimLost extends RuntimeException {
        ClaimLost(String id) {
            super("claim on WeChat notification " + id + " lost");
        }
    }
}
