package com.bindflow.security;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine REST API ({@code /engine-rest/*}) requires HTTP Basic: Camunda's own authentication filter checks the
 * password against the engine's identity service and runs the request as that user, so the engine's authorizations
 * apply to every call.
 */
@Configuration(proxyBeanMethods = false)
public class EngineRestSecurityConfiguration {

    @Bean
    public FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthenticationFilter(
            @Value("${spring.jersey.application-path:/engine-rest}") String applicationPath) {
        String prefix = normalize(applicationPath);
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("bindflowEngineRestAuthentication");
        registration.addUrlPatterns(prefix + "/*");
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                HttpBasicAuthenticationProvider.class.getName());
        // the filter finds the engine name after this prefix; set it so it works for Jersey as a servlet or a filter
        registration.addInitParameter(ProcessEngineAuthenticationFilter.SERVLET_PATH_PREFIX, prefix);
        registration.setOrder(ApiSecurityConfiguration.FILTER_ORDER);
        return registration;
    }

    static String normalize(String path) {
        String p = path == null || path.isBlank() ? "/engine-rest" : path.trim();
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        while (p.endsWith("/") || p.endsWith("*")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
