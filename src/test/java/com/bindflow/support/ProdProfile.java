package com.bindflow.support;

import com.bindflow.BindflowApplication;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The real application with the {@code prod} profile and a process environment of the test's choosing. */
public final class ProdProfile {

    private ProdProfile() {
    }

    /** Not started yet: the test adds what it needs (initializers, web type) and runs it. */
    public static SpringApplication application(Map<String, Object> processEnvironment) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, processEnvironment));
        SpringApplication application = new SpringApplication(BindflowApplication.class);
        application.setEnvironment(environment);
        application.setAdditionalProfiles("prod");
        return application;
    }
}
