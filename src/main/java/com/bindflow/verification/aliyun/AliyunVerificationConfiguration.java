package com.bindflow.verification.aliyun;

import com.bindflow.shared.OutsideCalls;
import com.bindflow.shared.ProductionOnly;
import com.bindflow.shared.aliyun.AliyunProperties;
import com.bindflow.verification.FaceRecognition;
import com.bindflow.verification.SmsGateway;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/** The production SMS gateway and face recognition (Alibaba Cloud), outside the sandbox. */
@Configuration(proxyBeanMethods = false)
@ProductionOnly
public class AliyunVerificationConfiguration {

    @Bean
    SmsGateway aliyunSmsGateway(AliyunProperties properties, JdbcTemplate jdbc, PlatformTransactionManager transactions,
                                OutsideCalls calls, Clock clock) {
        return new AliyunSmsGateway(properties, new SmsSendLog(jdbc, transactions), calls, clock);
    }

    @Bean
    FaceRecognition aliyunFaceRecognition(AliyunProperties properties, OutsideCalls calls) {
        return new AliyunFaceRecognition(properties, calls);
    }
}
