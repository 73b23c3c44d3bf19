package com.bindflow.support;

import com.bindflow.BindflowApplication;
import com.bindflow.binding.BindingProcess;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;

/**
 * Node A of {@code NodeRecoveryIT}, run as a JVM of its own ({@link #main}): the application whose
 * {@code Task_MakeTestPayment} jobs never finish (the delegate hangs until the process is killed), so the jobs stay
 * locked by this node when it dies. Not a {@code @Configuration}: only this main registers it, component scans of the
 * test classpath never see it.
 */
public class StallingNode {

    /** Printed (stdout) by the hanging delegate, with the binding id. */
    public static final String STALLED = "stalled test payment of ";

    public static void main(String[] args) {
        new SpringApplicationBuilder(BindflowApplication.class, StallingNode.class).profiles("sandbox").run(args);
    }

    /** Replaces the application's {@code makeTestPayment} (needs spring.main.allow-bean-definition-overriding). */
    @Bean("makeTestPayment")
    JavaDelegate makeTestPayment() {
        return execution -> {
            System.out.println(STALLED + execution.getVariable(BindingProcess.VAR_BINDING_ID));
            Thread.sleep(Long.MAX_VALUE);
        };
    }
}
