package com.bindflow.calendar;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The business calendar as the bean {@code workingDays}, for Java code and for BPMN expressions such as
 * {@code ${workingDays.plusWorkingDays(someDate, 3)}}. {@link BusinessCalendarProperties} is registered by the
 * application's {@code @ConfigurationPropertiesScan}; its data is {@code business-calendar.yaml}.
 */
@Configuration(proxyBeanMethods = false)
public class WorkingDayCalendarConfiguration {

    public static final String BEAN_NAME = "workingDays";

    @Bean(BEAN_NAME)
    public WorkingDayCalendar workingDays(BusinessCalendarProperties properties) {
        return properties.toCalendar();
    }
}
