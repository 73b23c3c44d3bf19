package com.bindflow.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The domain API ({@code /api/*}) requires HTTP Basic of an API client ({@link ApiClients}); in the sandbox, the
 * sandbox endpoints ({@code /sandbox/*}) require an API client of group {@value BindflowGroups#SANDBOX}. Wrong
 * credentials on either count against their source ({@link WrongCredentialThrottle}, shared with the Camunda logins).
 */
@Configuration(proxyBeanMethods = false)
public class ApiSecurityConfiguration {

    /** Before Spring MVC and any request-wrapping filter of the application, after encoding/observation filters. */
    static final int FILTER_ORDER = -100;

    @Bean
    public ApiClients apiClients(SecurityProperties properties) {
        return new ApiClients(properties.getApiClients(), properties.getApiClientMinSecretLength(),
                properties.getApiClientMinSecretBits());
    }

    @Bean
    public WrongCredentialThrottle wrongCredentialThrottle(SecurityProperties properties) {
        return new WrongCredentialThrottle(properties.getWrongCredentials());
    }

    @Bean
    public FilterRegistrationBean<ApiClientAuthenticationFilter> apiClientAuthenticationFilter(
            ApiClients clients, WrongCredentialThrottle throttle, ObjectProvider<ObjectMapper> objectMapper,
            SecurityProperties properties) {
        FilterRegistrationBean<ApiClientAuthenticationFilter> registration = new FilterRegistrationBean<>(
                new ApiClientAuthenticationFilter(clients, throttle, objectMapper::getObject, properties.getOpenApiPaths(),
                        BindflowGroups.API_CLIENTS));
        registration.setName("bindflowApiClientAuthentication");
        registration.addUrlPatterns("/api/*");
        registration.setOrder(FILTER_ORDER);
        return registration;
    }

    /**
     * Sandbox only (the prod profile has no {@code /sandbox} route at all): the sandbox endpoints read any persona's
     * SMS code and move the engine clock, so they want a login too.
     */
    @Bean
    @ConditionalOnProperty(name = "bindflow.sandbox.enabled", havingValue = "true")
    public FilterRegistrationBean<ApiClientAuthenticationFilter> sandboxAuthenticationFilter(
            ApiClients clients, WrongCredentialThrottle throttle, ObjectProvider<ObjectMapper> objectMapper) {
        FilterRegistrationBean<ApiClientAuthenticationFilter> registration = new FilterRegistrationBean<>(
                new ApiClientAuthenticationFilter(clients, throttle, objectMapper::getObject, List.of(), BindflowGroups.SANDBOX));
        registration.setName("bindflowSandboxAuthentication");
        registration.addUrlPatterns("/sandbox/*");
        registration.setOrder(FILTER_ORDER);
        return registration;
    }
}
