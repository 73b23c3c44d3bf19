package com.bindflow.sandbox;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/** A bean that exists only while the sandbox is on ({@code bindflow.sandbox.enabled=true}, the sandbox profile). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ConditionalOnProperty(name = "bindflow.sandbox.enabled", havingValue = "true")
public @interface SandboxOnly {
}
