package com.bindflow.shared;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * A production adapter (or its configuration): a bean only while the sandbox is off ({@code bindflow.sandbox.enabled}
 * false, as in the {@code prod} profile), where it takes the place of the sandbox adapter of the same port.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ConditionalOnProperty(name = "bindflow.sandbox.enabled", havingValue = "false", matchIfMissing = true)
public @interface ProductionOnly {
}
