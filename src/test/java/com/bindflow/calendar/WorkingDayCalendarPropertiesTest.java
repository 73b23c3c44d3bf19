package com.bindflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

/** The configuration entries: their validation, and the data of business-calendar.yaml. */
class WorkingDayCalendarPropertiesTest {

    @Test
    void datesAndInclusiveRangesAreParsed() {
        var schedule = properties(List.of("2026-02-15..2026-02-17", " 2026-01-01 "), List.of("2026-02-14")).schedule();
        assertThat(schedule.get(2026).holidays()).containsExactlyInAnyOrder(LocalDate.parse("2026-01-01"),
                LocalDate.parse("2026-02-15"), LocalDate.parse("2026-02-16"), LocalDate.parse("2026-02-17"));
        assertThat(schedule.get(2026).workingWeekends()).containsExactly(LocalDate.parse("2026-02-14"));
    }

    @Test
    void theZoneDefaultsToShanghaiAndTheYearsToNone() {
        var properties = new BusinessCalendarProperties(null, null);
        assertThat(properties.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(properties.toCalendar().isConfigured(2026)).isFalse();
    }

    @ParameterizedTest(name = "holidays [{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
            "2026-02-23..2026-02-15 | bindflow.calendar.years.2026.holidays[0] '2026-02-23..2026-02-15': the range ends before it starts",
            "2025-12-31             | bindflow.calendar.years.2026.holidays[0] '2025-12-31': not inside the year 2026",
            "2026-12-30..2027-01-02 | bindflow.calendar.years.2026.holidays[0] '2026-12-30..2027-01-02': not inside the year 2026",
            "2026-02-30             | bindflow.calendar.years.2026.holidays[0] '2026-02-30': '2026-02-30' is not an ISO date",
            "2026/10/01             | bindflow.calendar.years.2026.holidays[0] '2026/10/01': '2026/10/01' is not an ISO date",
            "2026-10-01..           | bindflow.calendar.years.2026.holidays[0] '2026-10-01..': '' is not an ISO date",
            "2026-10-01..2026-10-02..2026-10-03 | holidays[0] '2026-10-01..2026-10-02..2026-10-03': expected a date",
    })
    void anInvalidHolidayEntryIsRejectedByName(String entry, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> properties(List.of(entry), List.of()))
                .withMessageContaining(message);
    }

    @Test
    void aWorkingWeekendDayMustBeASaturdayOrSunday() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> properties(List.of(), List.of("2026-01-04", "2026-10-09")))
                .withMessageContaining("bindflow.calendar.years.2026.working-weekends[1] '2026-10-09'")
                .withMessageContaining("FRIDAY");
    }

    @Test
    void aDayIsNeverBothAHolidayAndAWorkingDay() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> properties(List.of("2026-10-01..2026-10-10"), List.of("2026-10-10")))
                .withMessageContaining("bindflow.calendar.years.2026.working-weekends[0] '2026-10-10'")
                .withMessageContaining("bindflow.calendar.years.2026.holidays[0] '2026-10-01..2026-10-10'");
    }

    @Test
    void aWorkingWeekendOutsideItsYearIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> properties(List.of(), List.of("2027-01-02")))
                .withMessageContaining("bindflow.calendar.years.2026.working-weekends[0] '2027-01-02': not inside the year 2026");
    }

    @Test
    void theBundledYamlHasThe2025And2026Notices() throws IOException {
        WorkingDayCalendar calendar = bundled().toCalendar();
        assertThat(calendar.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(calendar.isConfigured(2025)).isTrue();
        assertThat(calendar.isConfigured(2026)).isTrue();
        assertThat(calendar.isConfigured(2027)).isFalse();

        // 2025: National Day and Mid-Autumn together, 1-8 Oct, with Sun 28 Sep and Sat 11 Oct worked
        assertThat(calendar.isWorkingDay(LocalDate.parse("2025-09-28"))).isTrue();
        assertThat(LocalDate.parse("2025-10-01").datesUntil(LocalDate.parse("2025-10-09")))
                .noneMatch(calendar::isWorkingDay);
        assertThat(calendar.isWorkingDay(LocalDate.parse("2025-10-08"))).isFalse(); // a Wednesday
        assertThat(calendar.isWorkingDay(LocalDate.parse("2025-10-09"))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2025-10-11"))).isTrue();  // a Saturday
        // 2025: Spring Festival 28 Jan - 4 Feb, with Sun 26 Jan and Sat 8 Feb worked
        assertThat(calendar.isWorkingDay(LocalDate.parse("2025-01-26"))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2025-01-27"))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2025-01-28"))).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2025-02-04"))).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2025-02-08"))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2025-04-27"))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2025-06-02"))).isFalse(); // Dragon Boat, a Monday

        // 2026: the National Day example and the Spring Festival example of the spec
        assertThat(calendar.plusWorkingDays(OffsetDateTime.parse("2026-09-30T10:00:00+08:00").toInstant(), 3))
                .isEqualTo(OffsetDateTime.parse("2026-10-10T10:00:00+08:00").toInstant());
        assertThat(calendar.plusWorkingDays(OffsetDateTime.parse("2026-02-13T10:00:00+08:00").toInstant(), 3))
                .isEqualTo(OffsetDateTime.parse("2026-02-25T10:00:00+08:00").toInstant());
        // whole years: 2026 has 261 weekdays, 19 of them holidays (2+6+1+3+1+1+5), and 6 weekend days worked
        assertThat(LocalDate.parse("2026-01-01").datesUntil(LocalDate.parse("2027-01-01"))
                .filter(calendar::isWorkingDay).count()).isEqualTo(261 - 19 + 6);
        // 2025 has 261 weekdays, 18 of them holidays (1+6+1+3+1+6), and 5 weekend days worked
        assertThat(LocalDate.parse("2025-01-01").datesUntil(LocalDate.parse("2026-01-01"))
                .filter(calendar::isWorkingDay).count()).isEqualTo(261 - 18 + 5);
    }

    /** Loads business-calendar.yaml the way spring.config.import does (Boot's YAML loader, then the Binder). */
    static BusinessCalendarProperties bundled() throws IOException {
        var sources = new YamlPropertySourceLoader().load("business-calendar", new ClassPathResource("business-calendar.yaml"));
        return new Binder(ConfigurationPropertySources.from(sources))
                .bind("bindflow.calendar", BusinessCalendarProperties.class).get();
    }

    private static BusinessCalendarProperties properties(List<String> holidays, List<String> workingWeekends) {
        return new BusinessCalendarProperties(null, Map.of(2026, new BusinessCalendarProperties.Year(holidays, workingWeekends)));
    }
}
