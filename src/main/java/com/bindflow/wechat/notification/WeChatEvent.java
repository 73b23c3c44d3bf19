package com.bindflow.wechat.notification;

import java.time.Instant;
import java.util.Map;

/**
 * A verified, decrypted WeChat Pay notification: WeChat's notification id (the same for duplicates), its event
 * type (e.g. {@code CONTRACT.AUTHORIZED}) and the decrypted resource.
 */
public record WeChatEvent(String notificationId, String eventType, Map<String, Object> resource, Instant receivedAt) {

    public static final String CONTRACT_AUTHORIZED = "CONTRACT.AUTHORIZED";
    public static final String CONTRACT_DECLINED = "CONTRACT.DECLINED";
    public static final String CONTRACT_TERMINATED = "CONTRACT.TERMINATED";
    /** The customer asked, in the WeChat wallet, to bind Baitiao: WeChat waits for our grant or refusal. */
    public static final String CONTRACT_BIND_REQUESTED = "CONTRACT.BIND_REQUESTED";

    public Integer integer(String key) {
        Object value = resource.get(key);
        if (value == null) {
            return null;
        }
        return value instanceof Number number ? Integer.valueOf(number.intValue()) : Integer.valueOf(value.toString());
    }

    public String string(String key) {
        Object value = resource.get(key);
        return value == null ? null : value.toString();
    }
}
