package com.bindflow.shared;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@link RequestShapeFilter} on {@code /api} and {@code /sandbox}, after authentication, before Spring MVC. */
@Configuration(proxyBeanMethods = false)
public class RequestShapeConfiguration {

    /** After the API client filters (order -100): an anonymous caller learns nothing but 401. */
    static final int FILTER_ORDER = -95;

    @Bean
    public FilterRegistrationBean<RequestShapeFilter> requestShapeFilter(ObjectProvider<ObjectMapper> objectMapper) {
        FilterRegistrationBean<RequestShapeFilter> registration =
                new FilterRegistrationBean<>(new RequestShapeFilter(objectMapper::getObject));
        registration.setName("bindflowRequestShape");
        registration.addUrlPatterns("/api/*", "/sandbox/*");
        registration.setOrder(FILTER_ORDER);
        return registration;
    }
}
