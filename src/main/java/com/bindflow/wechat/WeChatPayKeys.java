package com.bindflow.wechat;

import java.security.PublicKey;

/**
 * The keys WeChat Pay's notifications are checked with (WeChat Pay public-key mode): WeChat Pay's platform public key
 * and its id (the {@code Wechatpay-Serial} of the notifications it signs), and the merchant's API v3 key that the
 * notifications' resources are encrypted with (AES-256-GCM, 32 bytes). Production: from configuration
 * ({@link ConfiguredWeChatPayKeys}); sandbox: generated when first needed, right after the start
 * ({@link SandboxWeChatPayKeys}).
 */
public interface WeChatPayKeys {

    PublicKey platformPublicKey();

    /** The platform public key's id, e.g. {@code PUB_KEY_ID_0114232134912410000}. */
    String publicKeyId();

    /** The API v3 key: 32 characters (32 bytes in UTF-8), as the merchant set it in WeChat Pay's merchant platform. */
    String apiV3Key();
}
