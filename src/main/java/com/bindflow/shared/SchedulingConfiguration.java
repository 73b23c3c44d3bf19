package com.bindflow.shared;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Scheduling for the periodic work of every node: the WeChat notification inbox poller, the step-up expiry sweep, and
 * in the sandbox the catching up with the cluster's test clock and WeChat stand-in (each can be switched off by a
 * property; the tests do).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class SchedulingConfiguration {
}
