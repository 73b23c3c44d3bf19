package com.bindflow.shared.aliyun;

import com.bindflow.shared.ProductionOnly;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Alibaba Cloud's settings for the production adapters (SMS, identity, face), outside the sandbox. */
@Configuration(proxyBeanMethods = false)
@ProductionOnly
@EnableConfigurationProperties(AliyunProperties.class)
public class AliyunConfiguration {
}
