package com.bindflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Date;
import org.camunda.bpm.impl.juel.ExpressionFactoryImpl;
import org.camunda.bpm.impl.juel.SimpleContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The bean {@code workingDays} (with a minimal context, not the application's) and its use from a JUEL
 * expression, the way BPMN calls it.
 */
class WorkingDayCalendarConfigurationTest {

    @EnableConfigurationProperties(BusinessCalendarProperties.class) // the application has @ConfigurationPropertiesScan
    static class Properties {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, WorkingDayCalendarConfiguration.class);

    @Test
    void theCalendarIsTheBeanWorkingDays() {
        context.withPropertyValues(
                        "bindflow.calendar.years.2026.holidays[0]=2026-10-01..2026-10-07",
                        "bindflow.calendar.years.2026.working-weekends[0]=2026-10-10")
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed().hasBean("workingDays");
                    WorkingDayCalendar calendar = ctx.getBean("workingDays", WorkingDayCalendar.class);
                    assertThat(calendar.zone().getId()).isEqualTo("Asia/Shanghai");
                    assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-02"))).isFalse();
                    assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-10"))).isTrue();
                });
    }

    @Test
    void theZoneIsConfigurable() {
        context.withPropertyValues("bindflow.calendar.zone=Asia/Hong_Kong")
                .run(ctx -> assertThat(ctx.getBean(WorkingDayCalendar.class).zone().getId()).isEqualTo("Asia/Hong_Kong"));
    }

    @Test
    void anInvalidEntryStopsTheStartWithItsName() {
        context.withPropertyValues("bindflow.calendar.years.2026.working-weekends[0]=2026-10-09")
                .run(ctx -> assertThat(ctx).hasFailed().getFailure().rootCause()
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("bindflow.calendar.years.2026.working-weekends[0] '2026-10-09'"));
    }

    @Test
    void aBpmnExpressionPicksTheDateOverload() throws Exception {
        WorkingDayCalendar calendar = WorkingDayCalendarPropertiesTest.bundled().toCalendar();
        Instant start = OffsetDateTime.parse("2026-09-30T10:00:00+08:00").toInstant();

        // Camunda's JUEL, which resolves the method by the argument types as the engine does
        ExpressionFactoryImpl factory = new ExpressionFactoryImpl();
        SimpleContext el = new SimpleContext();
        el.setVariable("workingDays", factory.createValueExpression(calendar, WorkingDayCalendar.class));
        el.setVariable("someDate", factory.createValueExpression(Date.from(start), Date.class));
        Object due = factory.createValueExpression(el, "${workingDays.plusWorkingDays(someDate, 3)}", Object.class)
                .getValue(el);

        assertThat(due).isInstanceOf(Date.class);
        assertThat(((Date) due).toInstant()).isEqualTo(OffsetDateTime.parse("2026-10-10T10:00:00+08:00").toInstant());
    }
}
