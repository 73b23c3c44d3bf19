package com.bindflow.wechat;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * WeChat Pay's receiving side: the keys its notifications are checked with. Outside the sandbox they come from
 * configuration.
 */
@Configuration(proxyBeanMethods = false)
public class WeChatPayConfiguration {

    @Bean
    @ConditionalOnProperty(name = "bindflow.sandbox.enabled", havingValue = "false", matchIfMissing = true)
    WeChatPayKeys configuredWeChatPayKeys(@Value("${bindflow.wechat.platform-public-key:}") String platformPublicKey,
                                          @Value("${bindflow.wechat.public-key-id:}") String publicKeyId,
                                          @Value("${bindflow.wechat.api-v3-key:}") String apiV3Key) {
        return ConfiguredWeChatPayKeys.of(platformPublicKey, publicKeyId, apiV3Key);
    }
}
