package com.bindflow.sandbox.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import com.bindflow.sandbox.clock.ClockOffsets;
import com.bindflow.support.WeChatTestSupport;
import com.bindflow.wechat.notification.WeChatEvent;
import com.bindflow.wechat.notification.WeChatNotificationInbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The sandbox on several nodes, each played by a second instance on the same database beside the application's: the
 * test clock's offset, the sandbox WeChat Pay's keys and its notifications on their way are the cluster's.
 */
class SandboxAcrossNodesTest extends WeChatTestSupport {

    @Autowired
    ClockOffsets offsets;
    @Autowired
    Clock clock;

    @Test
    void theClockMovedOnOneNodeMovesOnEveryNode() {
        ClockOffsets otherNode = new ClockOffsets(jdbc, true);
        long offset = Duration.ofDays(3).toMillis();
        otherNode.store(offset);

        assertThat(offsets.stored()).isEqualTo(offset);
        assertThat(offsets.follow()).isEqualTo(offset);            // what every node does every second
        Instant expected = Instant.now().plusMillis(offset);
        assertThat(ClockUtil.getCurrentTime().toInstant()).isBetween(expected.minusSeconds(5), expected.plusSeconds(5));
        assertThat(testClock.read().offset()).isEqualTo(Duration.ofDays(3));

        testClock.advance(Duration.ofHours(1));                    // this node moves it: the other reads it
        assertThat(otherNode.stored()).isBetween(offset + Duration.ofMinutes(59).toMillis(),
                offset + Duration.ofMinutes(61).toMillis());
    }

    @Test
    void everyNodeAndEveryRestartHasTheSameKeys() {
        SandboxWeChatPayKeys otherNode = new SandboxWeChatPayKeys(jdbc, clock, transactionManager);
        assertThat(otherNode.publicKeyId()).isEqualTo(keys.publicKeyId());
        assertThat(otherNode.apiV3Key()).isEqualTo(keys.apiV3Key());
        assertThat(otherNode.platformPublicKey()).isEqualTo(keys.platformPublicKey());
        assertThat(otherNode.platformPrivateKey()).isEqualTo(keys.platformPrivateKey());
    }

    @Test
    void aNotificationQueuedByANodeThatDiedIsDeliveredByAnother() {
        SandboxWeChatNotifier died = new SandboxWeChatNotifier(new SandboxWeChatPayKeys(jdbc, clock, transactionManager), clock, json, jdbc,
                notifier.notifyUrl().toString(), 1, Duration.ZERO, 0, "");
        String id = UUID.randomUUID().toString();
        assertThat(died.queue(id, WeChatEvent.CONTRACT_AUTHORIZED, "summary", authorizedResource("b-1", 1))).isTrue();
        died.destroy();                                             // gone before it delivered anything
        assertThat(inbox.find(id)).isEmpty();

        assertThat(notifier.deliverPending()).isOne();              // this node: its endpoint checks the other's signature
        assertThat(inbox.find(id)).get().extracting(WeChatNotificationInbox.Entry::eventType)
                .isEqualTo(WeChatEvent.CONTRACT_AUTHORIZED);
        assertThat(notifier.deliveries(id)).singleElement().satisfies(d -> assertThat(d.accepted()).isTrue());
        assertThat(notifier.deliverPending()).as("delivered once").isZero();
        assertThat(jdbc.queryForObject("select count(*) from sandbox_wechat_delivery", Integer.class)).isZero();
    }
}
