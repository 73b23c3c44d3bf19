package com.bindflow.sandbox.clock;

import com.bindflow.sandbox.SandboxOnly;
import com.bindflow.sandbox.wechat.SandboxWeChatNotifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every second, this node catches up with the cluster's sandbox: its engine clock follows the stored test-clock offset
 * ({@link ClockOffsets#follow()}), and it delivers the sandbox WeChat notifications a node that died left on their way
 * ({@link SandboxWeChatNotifier#deliverPending()}). Off when {@code bindflow.sandbox.follow-cluster} is false (tests set
 * the engine clock themselves and deliver through the test clock).
 */
@Component
@SandboxOnly
@ConditionalOnProperty(name = "bindflow.sandbox.follow-cluster", havingValue = "true", matchIfMissing = true)
public class ClusterSync {

    private static final Logger log = LoggerFactory.getLogger(ClusterSync.class);

    private final ClockOffsets offsets;
    private final SandboxWeChatNotifier notifier;

    public ClusterSync(ClockOffsets offsets, SandboxWeChatNotifier notifier) {
        this.offsets = offsets;
        this.notifier = notifier;
    }

    @Scheduled(initialDelayString = "PT1S", fixedDelayString = "PT1S")
    void catchUp() {
        try {
            offsets.follow();
            notifier.deliverPending();
        } catch (RuntimeException e) {
            log.warn("catching up with the cluster's sandbox failed (the next second tries again): {}", e.toString());
        }
    }
}
