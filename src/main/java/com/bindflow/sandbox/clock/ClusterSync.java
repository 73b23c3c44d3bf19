package com.bindflow.sandbox.clock;

import com.bindflow.sandbox.SandboxOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every second, this node's engine clock follows the cluster's test-clock offset ({@link ClockOffsets#follow()}). Off
 * when {@code bindflow.sandbox.follow-cluster} is false (tests set the engine clock themselves). Its sibling for the
 * sandbox WeChat's notifications on their way is {@code sandbox.wechat.SandboxWeChatRedelivery}.
 */
@Component
@SandboxOnly
@ConditionalOnProperty(name = "bindflow.sandbox.follow-cluster", havingValue = "true", matchIfMissing = true)
public class ClusterSync {

    private static final Logger log = LoggerFactory.getLogger(ClusterSync.class);

    private final ClockOffsets offsets;

    public ClusterSync(ClockOffsets offsets) {
        this.offsets = offsets;
    }

    @Scheduled(initialDelayString = "PT1S", fixedDelayString = "PT1S")
    void follow() {
        try {
            offsets.follow();
        } catch (RuntimeException e) {
            log.warn("reading the cluster's test-clock offset failed (the next second tries again): {}", e.toString());
        }
    }
}
