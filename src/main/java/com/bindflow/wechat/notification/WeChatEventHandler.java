package com.bindflow.wechat.notification;

/**
 * Acts on a stored WeChat notification, after the endpoint has answered WeChat. Called at least once per
 * notification id (again after a failure), so it must be idempotent. Throwing means "retry later".
 */
public interface WeChatEventHandler {

    /** Whether this handler acts on the event type. */
    boolean handles(String eventType);

    void handle(WeChatEvent event);
}
