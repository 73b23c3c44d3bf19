package com.bindflow.shared;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Scheduling for the periodic work of every node: the WeChat notification inbox poller and the step-up expiry sweep
 * (each can be switched off by a property; the tests do).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class SchedulingConfiguration {
}
