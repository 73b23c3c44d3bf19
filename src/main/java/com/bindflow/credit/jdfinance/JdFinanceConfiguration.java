package com.bindflow.credit.jdfinance;

import com.bindflow.credit.JdFinanceAccounts;
import com.bindflow.shared.OutsideCalls;
import com.bindflow.shared.ProductionOnly;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The production JD Finance adapter, outside the sandbox. */
@Configuration(proxyBeanMethods = false)
@ProductionOnly
@EnableConfigurationProperties(JdFinanceProperties.class)
public class JdFinanceConfiguration {

    @Bean
    JdFinanceAccounts jdFinanceAccounts(JdFinanceProperties properties, OutsideCalls calls) {
        return new JdFinanceApiClient(properties, calls);
    }
}
