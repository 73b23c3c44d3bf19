package com.bindflow.wechat.notification;

import static com.bindflow.shared.Jdbc.ts;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Readiness of the WeChat notification inbox ({@code wechatInbox}): OUT_OF_SERVICE when a notification has waited
 * longer than {@code bindflow.wechat.inbox.backlog-threshold} (5 minutes, by the engine clock) and is still not
 * handled (PENDING, or PROCESSING by a node that may have died): bindings and unbindings wait for what WeChat told us,
 * so the backlog is stuck and someone must look. Otherwise UP. Details: the stuck count, the oldest one's arrival,
 * and the FAILED notifications (handled no more; they do not change the status, an operator reads them).
 */
@Component("wechatInbox")
public class WeChatInboxHealthIndicator extends AbstractHealthIndicator {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final WeChatInboxProperties properties;

    public WeChatInboxHealthIndicator(JdbcTemplate jdbc, Clock clock, WeChatInboxProperties properties) {
        super("WeChat inbox health check failed");
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        Instant olderThan = clock.instant().minus(properties.backlogThreshold());
        Map<String, Object> stuck = jdbc.queryForMap("select count(*) as stuck, min(received_at) as oldest "
                + "from wechat_notification where state in ('PENDING', 'PROCESSING') and received_at < ?", ts(olderThan));
        long count = ((Number) stuck.get("stuck")).longValue();
        Integer failed = jdbc.queryForObject("select count(*) from wechat_notification where state = 'FAILED'", Integer.class);
        health.status(count > 0 ? Status.OUT_OF_SERVICE : Status.UP)
                .withDetail("backlogThreshold", properties.backlogThreshold().toString())
                .withDetail("stuck", count)
                .withDetail("failed", failed == null ? 0 : failed);
        if (count > 0) {
            health.withDetail("oldestStuckReceivedAt", String.valueOf(stuck.get("oldest")));
        }
    }
}
