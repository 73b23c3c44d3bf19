package com.bindflow.wechat.api;

import com.bindflow.shared.OutsideCalls;
import com.bindflow.shared.ProductionOnly;
import com.bindflow.wechat.WeChatPay;
import com.bindflow.wechat.WeChatPayKeys;
import com.bindflow.wechat.WeChatWallets;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The production WeChat Pay adapters (API v3 through the official SDK), outside the sandbox. */
@Configuration(proxyBeanMethods = false)
@ProductionOnly
@EnableConfigurationProperties(WeChatPayApiProperties.class)
public class WeChatPayApiConfiguration {

    @Bean
    WeChatPayV3Client weChatPayV3Client(WeChatPayApiProperties properties, WeChatPayKeys keys) {
        return new WeChatPayV3Client(properties.checked(), keys);
    }

    @Bean
    WeChatPay weChatPay(WeChatPayV3Client client, WeChatPayApiProperties properties, OutsideCalls calls) {
        return new V3WeChatPay(client, properties, calls);
    }

    @Bean
    WeChatWallets weChatWallets(WeChatPayV3Client client, WeChatPayApiProperties properties, OutsideCalls calls) {
        return new V3WeChatWallets(client, properties, calls);
    }
}
