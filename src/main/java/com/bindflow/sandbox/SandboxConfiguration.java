package com.bindflow.sandbox;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;

/**
 * The sandbox: outside systems answered from the demo personas. Active when {@code bindflow.sandbox.enabled} is
 * true (the sandbox profile); the prod profile turns it off, and production adapters take the ports' place.
 */
@Configuration(proxyBeanMethods = false)
@SandboxOnly
public class SandboxConfiguration {

    @Bean
    PersonaDirectory personaDirectory(@Value("${bindflow.sandbox.personas:classpath:sandbox/personas.json}") Resource data) {
        return new PersonaDirectory(data);
    }
}
