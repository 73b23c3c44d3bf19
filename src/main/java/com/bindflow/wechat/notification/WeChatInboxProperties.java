package com.bindflow.wechat.notification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the inbox of WeChat notifications is worked off ({@code bindflow.wechat.inbox.*}).
 *
 * @param poll         whether this node polls the inbox (tests turn it off and call
 *                     {@link WeChatNotificationInbox#processPending()} themselves)
 * @param pollInterval pause between two polls: the safety net for a notification whose handling right after it was
 *                     stored failed or never ran (the node died), and for retries
 * @param processOnCommit whether a stored notification is handled right after its insert commits, in the request
 *                     that stored it, before WeChat gets its answer (tests turn it off, as the poller)
 * @param maxAttempts  attempts of a notification's handlers before it is FAILED (an operator looks at it then)
 * @param backoff      after the n-th failed attempt the next one is due n × backoff later
 * @param lease        how long a claimed notification stays with the node that claimed it; after that (the node died)
 *                     another node may claim it again
 * @param backlogThreshold a notification not handled this long after it arrived makes the inbox's readiness
 *                     OUT_OF_SERVICE ({@link WeChatInboxHealthIndicator})
 */
@ConfigurationProperties("bindflow.wechat.inbox")
public record WeChatInboxProperties(@DefaultValue("true") boolean poll,
                                    @DefaultValue("PT0.5S") Duration pollInterval,
                                    @DefaultValue("true") boolean processOnCommit,
                                    @DefaultValue("10") int maxAttempts,
                                    @DefaultValue("PT10S") Duration backoff,
                                    @DefaultValue("PT5M") Duration lease,
                                    @DefaultValue("PT5M") Duration backlogThreshold) {

    public WeChatInboxProperties {
        if (maxAttempts < 1) {
            throw new IllegalStateException("bindflow.wechat.inbox.max-attempts must be at least 1");
        }
        if (backoff.isNegative() || lease.isNegative() || lease.isZero()) {
            throw new IllegalStateException("bindflow.wechat.inbox.backoff must not be negative and lease must be positive");
        }
        if (backlogThreshold.isNegative() || backlogThreshold.isZero()) {
            throw new IllegalStateException("bindflow.wechat.inbox.backlog-threshold must be positive");
        }
    }

    /** The defaults. */
    public static WeChatInboxProperties defaults() {
        return new WeChatInboxProperties(true, Duration.ofMillis(500), true, 10, Duration.ofSeconds(10),
                Duration.ofMinutes(5), Duration.ofMinutes(5));
    }
}
