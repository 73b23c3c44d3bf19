package com.bindflow.wechat;

import com.wechat.pay.java.core.util.PemUtil;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;

/**
 * The production keys, from configuration ({@code bindflow.wechat.platform-public-key} as PEM,
 * {@code bindflow.wechat.public-key-id}, {@code bindflow.wechat.api-v3-key}); checked when the application starts,
 * so a wrong key stops the start instead of refusing every notification later.
 */
public final class ConfiguredWeChatPayKeys implements WeChatPayKeys {

    private final PublicKey platformPublicKey;
    private final String publicKeyId;
    private final String apiV3Key;

    private ConfiguredWeChatPayKeys(PublicKey platformPublicKey, String publicKeyId, String apiV3Key) {
        this.platformPublicKey = platformPublicKey;
        this.publicKeyId = publicKeyId;
        this.apiV3Key = apiV3Key;
    }

    /** Checks and loads the configured keys; throws {@link IllegalStateException} naming the property at fault. */
    public static ConfiguredWeChatPayKeys of(String platformPublicKeyPem, String publicKeyId, String apiV3Key) {
        if (platformPublicKeyPem == null || platformPublicKeyPem.isBlank()) {
            throw new IllegalStateException("bindflow.wechat.platform-public-key must be set (PEM of WeChat Pay's "
                    + "platform public key; environment variable BINDFLOW_WECHAT_PLATFORM_PUBLIC_KEY)");
        }
        PublicKey key;
        try {
            key = PemUtil.loadPublicKeyFromString(platformPublicKeyPem);
        } catch (RuntimeException e) {
            throw new IllegalStateException("bindflow.wechat.platform-public-key is not an RSA public key in PEM "
                    + "(-----BEGIN PUBLIC KEY-----)", e);
        }
        if (publicKeyId == null || publicKeyId.isBlank()) {
            throw new IllegalStateException("bindflow.wechat.public-key-id must be set (the id of WeChat Pay's platform "
                    + "public key; environment variable BINDFLOW_WECHAT_PUBLIC_KEY_ID)");
        }
        if (apiV3Key == null || apiV3Key.getBytes(StandardCharsets.UTF_8).length != 32) {
            throw new IllegalStateException("bindflow.wechat.api-v3-key must be the 32-character API v3 key "
                    + "(environment variable BINDFLOW_WECHAT_API_V3_KEY)");
        }
        return new ConfiguredWeChatPayKeys(key, publicKeyId.trim(), apiV3Key);
    }

    @Override
    public PublicKey platformPublicKey() {
        return platformPublicKey;
    }

    @Override
    public String publicKeyId() {
        return publicKeyId;
    }

    @Override
    public String apiV3Key() {
        return apiV3Key;
    }

    @Override
    public String toString() {
        return "ConfiguredWeChatPayKeys[publicKeyId=" + publicKeyId + "]";
    }
}
