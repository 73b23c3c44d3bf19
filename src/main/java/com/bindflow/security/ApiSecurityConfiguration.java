package com.bindflow.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The domain API ({@code /api/*}) requires HTTP Basic of a member of {@value BindflowGroups#API_CLIENTS}. */
@Configuration(proxyBeanMethods = false)
public class ApiSecurityConfiguration {

    /** Before Spring MVC and any request-wrapping filter of the application, after encoding/observation filters. */
    static final int FILTER_ORDER = -100;

    @Bean
    public FilterRegistrationBean<ApiClientAuthenticationFilter> apiClientAuthenticationFilter(
            ObjectProvider<IdentityService> identityService, ObjectProvider<ObjectMapper> objectMapper,
            SecurityProperties properties) {
        FilterRegistrationBean<ApiClientAuthenticationFilter> registration = new FilterRegistrationBean<>(
                new ApiClientAuthenticationFilter(identityService::getObject, objectMapper::getObject,
                        properties.getOpenApiPaths(), properties.getApiClientVerifiedFor()));
        registration.setName("bindflowApiClientAuthentication");
        registration.addUrlPatterns("/api/*");
        registration.setOrder(FILTER_ORDER);
        return registration;
    }
}
