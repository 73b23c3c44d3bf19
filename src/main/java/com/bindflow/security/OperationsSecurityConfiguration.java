package com.bindflow.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The operators' endpoints (Actuator under {@code /actuator}): the staff login ({@link StaffAuthenticationFilter}),
 * behind the per-source throttle of wrong passwords ({@link LoginThrottleFilter}).
 */
@Configuration(proxyBeanMethods = false)
public class OperationsSecurityConfiguration {

    static final String ACTUATOR = "/actuator/*";

    @Bean
    public FilterRegistrationBean<StaffAuthenticationFilter> staffAuthenticationFilter(
            ObjectProvider<IdentityService> identityService, ObjectProvider<ObjectMapper> objectMapper) {
        FilterRegistrationBean<StaffAuthenticationFilter> registration = new FilterRegistrationBean<>(
                new StaffAuthenticationFilter(identityService::getObject, objectMapper::getObject));
        registration.setName("bindflowStaffAuthentication");
        registration.addUrlPatterns(ACTUATOR);
        registration.setOrder(ApiSecurityConfiguration.FILTER_ORDER);
        return registration;
    }

    @Bean
    public FilterRegistrationBean<LoginThrottleFilter> actuatorLoginThrottle(WrongCredentialThrottle throttle,
                                                                             ObjectProvider<ObjectMapper> objectMapper) {
        FilterRegistrationBean<LoginThrottleFilter> registration = new FilterRegistrationBean<>(
                new LoginThrottleFilter(throttle, LoginThrottleFilter::carriesCredentials, objectMapper::getObject));
        registration.setName("bindflowActuatorLoginThrottle");
        registration.addUrlPatterns(ACTUATOR);
        registration.setOrder(ApiSecurityConfiguration.FILTER_ORDER - 10);
        return registration;
    }
}
