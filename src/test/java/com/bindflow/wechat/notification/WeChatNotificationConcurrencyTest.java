package com.bindflow.wechat.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.bindflow.sandbox.wechat.SandboxWeChatNotifier;
import com.bindflow.support.WeChatTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** WeChat's duplicates and replays arriving at the same moment: one inbox row, handled once. */
class WeChatNotificationConcurrencyTest extends WeChatTestSupport {

    private static final int REQUESTS = 20;

    private List<ResponseEntity<JsonNode>> postConcurrently(List<SandboxWeChatNotifier.SignedNotification> requests)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests.size());
        try {
            CountDownLatch ready = new CountDownLatch(requests.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ResponseEntity<JsonNode>>> futures = new ArrayList<>();
            for (SandboxWeChatNotifier.SignedNotification n : requests) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return post(n);
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<ResponseEntity<JsonNode>> responses = new ArrayList<>();
            for (Future<ResponseEntity<JsonNode>> f : futures) {
                responses.add(f.get(60, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twentyFreshlySignedDuplicatesAtOnceAreAllAcceptedAndStoredOnceThenHandledOnce() throws Exception {
        String id = UUID.randomUUID().toString();
        String body = authorized(id).body();
        List<SandboxWeChatNotifier.SignedNotification> copies = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            copies.add(notifier.sign(body));
        }

        List<ResponseEntity<JsonNode>> responses = postConcurrently(copies);

        assertThat(responses).allSatisfy(WeChatTestSupport::assertSuccess);
        assertThat(inboxRows()).isOne();
        assertThat(nonceRows()).isEqualTo(REQUESTS);

        List<WeChatEvent> handled = new CopyOnWriteArrayList<>();
        WeChatEventHandler counting = handler(handled);
        assertThat(inbox.processPending(List.of(counting))).isOne();
        assertThat(inbox.processPending(List.of(counting))).isZero();
        assertThat(handled).singleElement().satisfies(e -> {
            assertThat(e.notificationId()).isEqualTo(id);
            assertThat(e.eventType()).isEqualTo(WeChatEvent.CONTRACT_AUTHORIZED);
            assertThat(e.resource()).containsEntry("priority", 2);
        });
        assertThat(inbox.find(id).orElseThrow().state()).isEqualTo(WeChatNotificationInbox.State.PROCESSED);
    }

    @Test
    void twentyByteIdenticalRequestsAtOnceAreAcceptedOnceAndRefusedAsReplaysOtherwise() throws Exception {
        String id = UUID.randomUUID().toString();
        SandboxWeChatNotifier.SignedNotification n = authorized(id);
        List<SandboxWeChatNotifier.SignedNotification> same = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            same.add(n);
        }

        List<ResponseEntity<JsonNode>> responses = postConcurrently(same);

        assertThat(responses).filteredOn(r -> r.getStatusCode() == HttpStatus.OK).hasSize(1);
        assertThat(responses).filteredOn(r -> r.getStatusCode() != HttpStatus.OK).hasSize(REQUESTS - 1)
                .allSatisfy(r -> assertProblem(r, HttpStatus.UNAUTHORIZED, "REPLAYED_NONCE"));
        assertThat(inboxRows()).isOne();
        assertThat(nonceRows()).isOne();

        List<WeChatEvent> handled = new CopyOnWriteArrayList<>();
        assertThat(inbox.processPending(List.of(handler(handled)))).isOne();
        assertThat(handled).hasSize(1);
    }

    @Test
    void twoNodesProcessingAtOnceHandleEachNotificationOnce() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(store(WeChatEvent.CONTRACT_AUTHORIZED));
        }
        List<WeChatEvent> handled = new CopyOnWriteArrayList<>();
        WeChatEventHandler counting = handler(handled);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Callable<Integer> node = () -> {
                go.await();
                return inbox.processPending(List.of(counting));
            };
            Future<Integer> a = pool.submit(node);
            Future<Integer> b = pool.submit(node);
            go.countDown();
            assertThat(a.get(60, TimeUnit.SECONDS) + b.get(60, TimeUnit.SECONDS)).isEqualTo(ids.size());
        } finally {
            pool.shutdownNow();
        }
        assertThat(handled).extracting(WeChatEvent::notificationId).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(inbox.list()).allSatisfy(e -> assertThat(e.state()).isEqualTo(WeChatNotificationInbox.State.PROCESSED));
    }

    @Test
    void aNotificationBeingHandledIsNotClaimedByAnotherNode() throws Exception {
        String id = store(WeChatEvent.CONTRACT_AUTHORIZED);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<WeChatEvent> handled = new CopyOnWriteArrayList<>();
        WeChatEventHandler slow = new WeChatEventHandler() {
            @Override
            public boolean handles(String eventType) {
                return true;
            }

            @Override
            public void handle(WeChatEvent event) {
                handled.add(event);
                entered.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> first = pool.submit(() -> inbox.processPending(List.of(slow)));
            assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

            // meanwhile, on "another node"
            assertThat(inbox.find(id).orElseThrow().state()).isEqualTo(WeChatNotificationInbox.State.PROCESSING);
            assertThat(inbox.processPending(List.of(slow))).isZero();

            release.countDown();
            assertThat(first.get(30, TimeUnit.SECONDS)).isOne();
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertThat(handled).hasSize(1);
        assertThat(inbox.find(id).orElseThrow().state()).isEqualTo(WeChatNotificationInbox.State.PROCESSED);
    }

    private static WeChatEventHandler handler(List<WeChatEvent> handled) {
        return new WeChatEventHandler() {
            @Override
            public boolean handles(String eventType) {
                return WeChatEvent.CONTRACT_AUTHORIZED.equals(eventType);
            }

            @Override
            public void handle(WeChatEvent event) {
                handled.add(event);
            }
        };
    }
}
