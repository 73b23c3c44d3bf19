package com.bindflow;

import org.camunda.bpm.spring.boot.starter.annotation.EnableProcessApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * bindflow: binds a JD Baitiao credit line as a WeChat Pay payment method and governs it afterwards.
 * A Camunda process application: the BPMN, DMN and form files of {@code processes/} and {@code forms/}
 * are deployed through {@code META-INF/processes.xml}, with stable resource names.
 */
@SpringBootApplication
@EnableProcessApplication("bindflow")
@ConfigurationPropertiesScan
public class BindflowApplication {

    public static void main(String[] args) {
        SpringApplication.run(BindflowApplication.class, args);
    }
}
