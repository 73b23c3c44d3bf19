package com.bindflow.identity.aliyun;

import com.bindflow.identity.IdentityVerification;
import com.bindflow.shared.OutsideCalls;
import com.bindflow.shared.ProductionOnly;
import com.bindflow.shared.aliyun.AliyunProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The production identity check (Alibaba Cloud ID Verification), outside the sandbox. */
@Configuration(proxyBeanMethods = false)
@ProductionOnly
public class AliyunIdentityConfiguration {

    @Bean
    IdentityVerification aliyunIdentityVerification(AliyunProperties properties, OutsideCalls calls) {
        return new AliyunIdentityVerification(properties, calls);
    }
}
