package com.bindflow.wechat.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.bindflow.support.WeChatTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The inbox processor: handlers, retries with backoff on the engine clock, FAILED after the last attempt, claims. */
class WeChatNotificationInboxTest extends WeChatTestSupport {

    @Autowired
    WeChatInboxProperties properties;
    @Autowired
    java.time.Clock clock;

    /** Fails its first {@code failures} calls, then succeeds. */
    static class Flaky implements WeChatEventHandler {
        final List<WeChatEvent> calls = new ArrayList<>();
        final AtomicInteger failuresLeft;

        Flaky(int failures) {
            this.failuresLeft = new AtomicInteger(failures);
        }

        @Override
        public boolean handles(String eventType) {
            return WeChatEvent.CONTRACT_AUTHORIZED.equals(eventType);
        }

        @Override
        public void handle(WeChatEvent event) {
            calls.add(event);
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("the process is busy");
            }
        }
    }

    @Test
    void theDefaultsAreTenAttemptsTenSecondsApartTimesTheAttempt() {
        assertThat(properties.maxAttempts()).isEqualTo(10);
        assertThat(properties.backoff()).isEqualTo(Duration.ofSeconds(10));
        assertThat(properties.poll()).as("the test profile polls nothing itself").isFalse();
    }

    @Test
    void aHandledNotificationIsProcessedWithTheEvent() {
        String id = store(WeChatEvent.CONTRACT_AUTHORIZED);
        Flaky handler = new Flaky(0);

        assertThat(inbox.processPending(List.of(handler))).isOne();

        assertThat(handler.calls).singleElement().satisfies(e -> {
            assertThat(e.notificationId()).isEqualTo(id);
            assertThat(e.receivedAt()).isEqualTo(T0);
            assertThat(e.string("user_id")).isEqualTo("demo-ok");
        });
        WeChatNotificationInbox.Entry entry = inbox.find(id).orElseThrow();
        assertThat(entry.state()).isEqualTo(WeChatNotificationInbox.State.PROCESSED);
        assertThat(entry.attempts()).isOne();
        assertThat(entry.processedAt()).isEqualTo(T0);
        assertThat(inbox.processPending(List.of(handler))).isZero();
    }

    @Test
    void aFailureIsRetriedAfterTheBackoffOnTheEngineClock() {
        String id = store(WeChatEvent.CONTRACT_AUTHORIZED);
        Flaky handler = new Flaky(2);

        assertThat(inbox.processPending(List.of(handler))).isOne();
        WeChatNotificationInbox.Entry afterFirst = inbox.find(id).orElseThrow();
        assertThat(afterFirst.state()).isEqualTo(WeChatNotificationInbox.State.PENDING);
        assertThat(afterFirst.attempts()).isOne();
        assertThat(afterFirst.nextAttemptAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(afterFirst.lastError()).contains("IllegalStateException").contains("the process is busy");

        setClock(T0.plusSeconds(9));
        assertThat(inbox.processPending(List.of(handler))).isZero();
        setClock(T0.plusSeconds(10));
        assertThat(inbox.processPending(List.of(handler))).isOne();
        WeChatNotificationInbox.Entry afterSecond = inbox.find(id).orElseThrow();
        assertThat(afterSecond.attempts()).isEqualTo(2);
        assertThat(afterSecond.nextAttemptAt()).isEqualTo(T0.plusSeconds(10 + 20));

        setClock(T0.plusSeconds(30));
        assertThat(inbox.processPending(List.of(handler))).isOne();
        WeChatNotificationInbox.Entry done = inbox.find(id).orElseThrow();
        assertThat(done.state()).isEqualTo(WeChatNotificationInbox.State.PROCESSED);
        assertThat(done.attempts()).isEqualTo(3);
        assertThat(done.lastError()).isNull();
        assertThat(handler.calls).hasSize(3).extracting(WeChatEvent::notificationId).containsOnly(id);
    }

    @Test
    void afterTenFailedAttemptsTheNotificationIsFailed() {
        String id = store(WeChatEvent.CONTRACT_AUTHORIZED);
        Flaky handler = new Flaky(Integer.MAX_VALUE);

        Instant at = T0;
        for (int attempt = 1; attempt <= 10; attempt++) {
            assertThat(inbox.processPending(List.of(handler))).as("attempt %d", attempt).isOne();
            WeChatNotificationInbox.Entry entry = inbox.find(id).orElseThrow();
            assertThat(entry.attempts()).isEqualTo(attempt);
            if (attempt < 10) {
                assertThat(entry.state()).isEqualTo(WeChatNotificationInbox.State.PENDING);
                at = at.plus(Duration.ofSeconds(10L * attempt));
                assertThat(entry.nextAttemptAt()).isEqualTo(at);
                setClock(at);
            }
        }
        WeChatNotificationInbox.Entry failed = inbox.find(id).orElseThrow();
        assertThat(failed.state()).isEqualTo(WeChatNotificationInbox.State.FAILED);
        assertThat(failed.lastError()).contains("the process is busy");
        assertThat(handler.calls).hasSize(10);

        setClock(at.plus(Duration.ofDays(1)));
        assertThat(inbox.processPending(List.of(handler))).isZero();
        assertThat(handler.calls).hasSize(10);
    }

    @Test
    void aTypeNoHandlerActsOnIsMarkedProcessedAndOnlyMatchingHandlersAreCalled() {
        String declined = store(WeChatEvent.CONTRACT_DECLINED);
        Flaky authorizedOnly = new Flaky(0);

        assertThat(inbox.processPending(List.of(authorizedOnly))).isOne();

        assertThat(authorizedOnly.calls).isEmpty();
        assertThat(inbox.find(declined).orElseThrow().state()).isEqualTo(WeChatNotificationInbox.State.PROCESSED);
    }

    @Test
    void aClaimOfANodeThatDiedIsTakenOverAfterTheLease() {
        String id = store(WeChatEvent.CONTRACT_AUTHORIZED);
        // a node claimed it and died
        jdbc.update("update wechat_notification set state = 'PROCESSING', claim_token = 'dead-node', attempts = 1, "
                + "next_attempt_at = ? where id = ?", com.bindflow.shared.Jdbc.ts(T0.plus(properties.lease())), id);
        Flaky handler = new Flaky(0);

        assertThat(inbox.processPending(List.of(handler))).isZero();
        setClock(T0.plus(properties.lease()).minusSeconds(1));
        assertThat(inbox.processPending(List.of(handler))).isZero();
        setClock(T0.plus(properties.lease()).plusSeconds(1));
        assertThat(inbox.processPending(List.of(handler))).isOne();

        assertThat(handler.calls).hasSize(1);
        WeChatNotificationInbox.Entry entry = inbox.find(id).orElseThrow();
        assertThat(entry.state()).isEqualTo(WeChatNotificationInbox.State.PROCESSED);
        assertThat(entry.attempts()).isEqualTo(2);
    }

    @Test
    void anInboxConstructedWithItsOwnHandlersWorksTheSameTable() {
        String id = store(WeChatEvent.CONTRACT_AUTHORIZED);
        Flaky handler = new Flaky(0);
        WeChatNotificationInbox own = new WeChatNotificationInbox(jdbc, transactionManager, clock, json,
                List.of(handler), WeChatInboxProperties.defaults());
        assertThat(own.processPending()).isOne();
        assertThat(handler.calls).extracting(WeChatEvent::notificationId).containsExactly(id);
    }

    @Test
    void aStoredNotificationIsHandledRightAfterItsCommitWithoutThePoller() {
        inbox.processOnCommit(true);
        try {
            String id = store("CONTRACT.UNKNOWN_TO_US");     // the real endpoint and handler beans; no handler acts on it
            WeChatNotificationInbox.Entry entry = inbox.find(id).orElseThrow();
            assertThat(entry.state()).isEqualTo(WeChatNotificationInbox.State.PROCESSED);
            assertThat(entry.attempts()).isOne();
            assertThat(inbox.processPending()).as("nothing left for the poller").isZero();
        } finally {
            inbox.processOnCommit(false);
        }
    }

    @Test
    void handledOnCommitAndPolledOnTwoNodesANotificationIsHandledOnce() {
        Flaky onA = new Flaky(0);
        Flaky onB = new Flaky(0);
        WeChatNotificationInbox nodeA = new WeChatNotificationInbox(jdbc, transactionManager, clock, json, List.of(onA),
                WeChatInboxProperties.defaults());
        WeChatNotificationInbox nodeB = new WeChatNotificationInbox(jdbc, transactionManager, clock, json, List.of(onB),
                WeChatInboxProperties.defaults());
        String id = storeIn(nodeA);

        assertThat(onA.calls).extracting(WeChatEvent::notificationId).containsExactly(id);
        assertThat(nodeB.processPending()).isZero();
        assertThat(nodeA.processPending()).isZero();
        assertThat(onB.calls).isEmpty();
        assertThat(inbox.find(id).orElseThrow().attempts()).isOne();
    }

    @Test
    void aFailureRightAfterTheCommitLeavesTheNotificationToThePoller() {
        Flaky handler = new Flaky(1);
        WeChatNotificationInbox node = new WeChatNotificationInbox(jdbc, transactionManager, clock, json, List.of(handler),
                WeChatInboxProperties.defaults());
        String id = storeIn(node);
        WeChatNotificationInbox.Entry stored = inbox.find(id).orElseThrow();
        assertThat(stored.state()).as("the claim rolled back with the handler's work").isEqualTo(WeChatNotificationInbox.State.PENDING);
        assertThat(stored.attempts()).isZero();
        assertThat(stored.nextAttemptAt()).isBeforeOrEqualTo(now());

        assertThat(node.processPending()).as("due at once: the poller's attempt is its first").isOne();
        assertThat(handler.calls).hasSize(2);
        assertThat(inbox.find(id).orElseThrow().state()).isEqualTo(WeChatNotificationInbox.State.PROCESSED);
        assertThat(inbox.find(id).orElseThrow().attempts()).isOne();
    }

    @Test
    void aPollerThatMeetsTheFirstAttemptStillRunningWaitsForItAndFindsTheNotificationHandled() throws Exception {
        CountDownLatch inHandler = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Flaky slow = new Flaky(0) {
            @Override
            public void handle(WeChatEvent event) {
                super.handle(event);
                inHandler.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        Flaky onB = new Flaky(0);
        WeChatNotificationInbox nodeA = new WeChatNotificationInbox(jdbc, transactionManager, clock, json, List.of(slow),
                WeChatInboxProperties.defaults());
        WeChatNotificationInbox nodeB = new WeChatNotificationInbox(jdbc, transactionManager, clock, json, List.of(onB),
                WeChatInboxProperties.defaults());
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            // node A stores it and, right after the commit, handles it in the same request: held in its handler
            Future<String> stored = threads.submit(() -> storeIn(nodeA));
            assertThat(inHandler.await(20, TimeUnit.SECONDS)).isTrue();
            // node B's poller finds the row still PENDING (A's claim is not committed) and tries to claim it
            Future<Integer> polled = threads.submit(() -> nodeB.processPending());
            // until B waits for the row's lock, which A's claim holds
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!aSessionWaitsForALock() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(aSessionWaitsForALock()).as("B waits for the row's lock").isTrue();
            assertThat(polled).isNotDone();
            release.countDown();
            String id = stored.get(20, TimeUnit.SECONDS);
            assertThat(polled.get(20, TimeUnit.SECONDS)).as("B claimed nothing").isZero();
            assertThat(slow.calls).extracting(WeChatEvent::notificationId).containsExactly(id);
            assertThat(onB.calls).isEmpty();
            WeChatNotificationInbox.Entry entry = inbox.find(id).orElseThrow();
            assertThat(entry.state()).isEqualTo(WeChatNotificationInbox.State.PROCESSED);
            assertThat(entry.attempts()).isOne();
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    /** Whether a database session waits for a lock another one holds (H2 or PostgreSQL). */
    private boolean aSessionWaitsForALock() {
        boolean postgres = Boolean.TRUE.equals(jdbc.execute((java.sql.Connection c) ->
                c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres")));
        Integer waiting = jdbc.queryForObject(postgres ? "select count(*) from pg_locks where not granted"
                : "select count(*) from information_schema.sessions where blocker_id is not null", Integer.class);
        return waiting != null && waiting > 0;
    }

    /** Stores a notification through {@code node} in a transaction of its own (as the endpoint does). */
    private String storeIn(WeChatNotificationInbox node) {
        String id = java.util.UUID.randomUUID().toString();
        new TransactionTemplate(transactionManager).executeWithoutResult(s -> assertThat(node.storeIfNew(
                new WeChatNotificationInbox.Incoming(id, WeChatEvent.CONTRACT_AUTHORIZED, "encrypt-resource", "summary",
                        "2026-01-01T00:00:00+08:00", "{\"user_id\":\"demo-ok\"}"), now())).isTrue());
        return id;
    }
}
