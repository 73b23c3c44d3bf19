package com.bindflow.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine's entrances. The engine REST API ({@code /engine-rest/*}) requires HTTP Basic: Camunda's own
 * authentication filter checks the password against the engine's identity service and runs the request as that user,
 * so the engine's authorizations apply to every call. In front of it and of the webapps' login form, the per-source
 * throttle of wrong credentials ({@link LoginThrottleFilter}); behind the authentication, on the engine REST API and
 * the webapps' engine API alike, the refusal of task-query expressions and of filter changes by non-administrators
 * ({@link EngineQueryGuard}).
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

    /** Before Camunda's authentication: a throttled source does not reach the password check. */
    @Bean
    public FilterRegistrationBean<LoginThrottleFilter> engineRestLoginThrottle(
            @Value("${spring.jersey.application-path:/engine-rest}") String applicationPath, WrongCredentialThrottle throttle,
            ObjectProvider<ObjectMapper> objectMapper) {
        return loginThrottle("bindflowEngineRestLoginThrottle", normalize(applicationPath) + "/*",
                new LoginThrottleFilter(throttle, LoginThrottleFilter::carriesCredentials, objectMapper::getObject));
    }

    /** The login form of Tasklist, Cockpit and Admin. */
    @Bean
    public FilterRegistrationBean<LoginThrottleFilter> webappLoginThrottle(
            @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath, WrongCredentialThrottle throttle,
            ObjectProvider<ObjectMapper> objectMapper) {
        return loginThrottle("bindflowWebappLoginThrottle", normalize(webappPath) + "/api/admin/auth/user/*",
                new LoginThrottleFilter(throttle, LoginThrottleFilter::isWebappLogin, objectMapper::getObject));
    }

    private static FilterRegistrationBean<LoginThrottleFilter> loginThrottle(String name, String urlPattern,
                                                                             LoginThrottleFilter filter) {
        FilterRegistrationBean<LoginThrottleFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setName(name);
        registration.addUrlPatterns(urlPattern);
        registration.setOrder(ApiSecurityConfiguration.FILTER_ORDER - 10);
        return registration;
    }

    /**
     * After Camunda's authentication (it tells who the user is); on the paths of the servlets that serve the engine API
     * (the engine REST API's, the webapps' engine API's), so every request that can reach them passes it.
     */
    @Bean
    public FilterRegistrationBean<EngineQueryGuard> engineQueryGuard(
            @Value("${spring.jersey.application-path:/engine-rest}") String applicationPath,
            @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath,
            ObjectProvider<IdentityService> identityService, ObjectProvider<ObjectMapper> objectMapper,
            ObjectProvider<ProcessEngine> processEngine) {
        FilterRegistrationBean<EngineQueryGuard> registration = new FilterRegistrationBean<>(new EngineQueryGuard(
                normalize(applicationPath), normalize(webappPath), identityService::getObject, objectMapper::getObject,
                new StoredFilters(processEngine::getObject)));
        registration.setName("bindflowEngineQueryGuard");
        registration.addUrlPatterns(normalize(applicationPath) + "/*", normalize(webappPath) + "/api/engine/*");
        registration.setOrder(ApiSecurityConfiguration.FILTER_ORDER + 10);
        return registration;
    }

    /** At start-up, every stored filter whose query holds another expression than Tasklist's own is logged at WARN. */
    @Bean
    public StoredFilters storedFilters(ObjectProvider<ProcessEngine> processEngine) {
        return new StoredFilters(processEngine::getObject);
    }

    @Bean
    public ApplicationListener<ApplicationReadyEvent> storedFilterScan(StoredFilters storedFilters) {
        return ready -> storedFilters.scan();
    }

    /** Camunda's first-admin setup endpoint is closed ({@link AdminSetupClosedFilter}). */
    @Bean
    public FilterRegistrationBean<AdminSetupClosedFilter> adminSetupClosed(
            @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath, ObjectProvider<ObjectMapper> objectMapper) {
        FilterRegistrationBean<AdminSetupClosedFilter> registration =
                new FilterRegistrationBean<>(new AdminSetupClosedFilter(objectMapper::getObject));
        registration.setName("bindflowAdminSetupClosed");
        registration.addUrlPatterns(normalize(webappPath) + "/api/admin/setup/*");
        registration.setOrder(ApiSecurityConfiguration.FILTER_ORDER - 20);
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
