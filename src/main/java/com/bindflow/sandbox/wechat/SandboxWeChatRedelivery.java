package com.bindflow.sandbox.wechat;

import com.bindflow.sandbox.SandboxOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every second, this node delivers the sandbox WeChat notifications that a node which died left on their way
 * ({@link SandboxWeChatNotifier#deliverPending()}). Off when {@code bindflow.sandbox.follow-cluster} is false (tests
 * deliver through the test clock).
 */
@Component
@SandboxOnly
@ConditionalOnProperty(name = "bindflow.sandbox.follow-cluster", havingValue = "true", matchIfMissing = true)
public class SandboxWeChatRedelivery {

    private static final Logger log = LoggerFactory.getLogger(SandboxWeChatRedelivery.class);

    private final SandboxWeChatNotifier notifier;

    public SandboxWeChatRedelivery(SandboxWeChatNotifier notifier) {
        this.notifier = notifier;
    }

    @Scheduled(initialDelayString = "PT1S", fixedDelayString = "PT1S")
    void deliverLeftOver() {
        try {
            notifier.deliverPending();
        } catch (RuntimeException e) {
            log.warn("delivering the sandbox WeChat notifications left on their way failed (the next second tries "
                    + "again): {}", e.toString());
        }
    }
}
