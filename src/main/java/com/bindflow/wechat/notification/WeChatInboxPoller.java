package com.bindflow.wechat.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Works off the inbox of WeChat notifications every {@code bindflow.wechat.inbox.poll-interval} (500 ms), on every
 * node (the inbox's claims keep them from handling a notification twice), and deletes expired nonces every minute.
 * Off when {@code bindflow.wechat.inbox.poll} is false (tests process the inbox themselves).
 */
@Component
@ConditionalOnProperty(name = "bindflow.wechat.inbox.poll", havingValue = "true", matchIfMissing = true)
public class WeChatInboxPoller {

    private static final Logger log = LoggerFactory.getLogger(WeChatInboxPoller.class);

    private final WeChatNotificationInbox inbox;
    private final WeChatNotificationReceiver receiver;

    public WeChatInboxPoller(WeChatNotificationInbox inbox, WeChatNotificationReceiver receiver) {
        this.inbox = inbox;
        this.receiver = receiver;
    }

    @Scheduled(initialDelayString = "${bindflow.wechat.inbox.poll-interval:PT0.5S}",
            fixedDelayString = "${bindflow.wechat.inbox.poll-interval:PT0.5S}")
    public void poll() {
        try {
            inbox.processPending();
        } catch (RuntimeException e) {
            log.warn("polling the WeChat notification inbox failed (next poll continues): {}", e.toString());
        }
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1M")
    public void deleteExpiredNonces() {
        try {
            int deleted = receiver.deleteExpiredNonces();
            if (deleted > 0) {
                log.debug("deleted {} expired WeChat nonces", deleted);
            }
        } catch (RuntimeException e) {
            log.warn("deleting expired WeChat nonces failed: {}", e.toString());
        }
    }
}
