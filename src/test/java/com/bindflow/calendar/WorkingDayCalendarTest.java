package com.bindflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/** The calendar itself, with the 2026 schedule of the State Council notice of 2025-11-04 built in code. */
class WorkingDayCalendarTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static final List<String> HOLIDAYS_2026 = List.of("2026-01-01..2026-01-03", "2026-02-15..2026-02-23",
            "2026-04-04..2026-04-06", "2026-05-01..2026-05-05", "2026-06-19..2026-06-21", "2026-09-25..2026-09-27",
            "2026-10-01..2026-10-07");
    private static final List<String> WORKING_WEEKENDS_2026 = List.of("2026-01-04", "2026-02-14", "2026-02-28",
            "2026-05-09", "2026-09-20", "2026-10-10");

    private final WorkingDayCalendar calendar = new BusinessCalendarProperties(SHANGHAI,
            Map.of(2026, new BusinessCalendarProperties.Year(HOLIDAYS_2026, WORKING_WEEKENDS_2026))).toCalendar();

    private Logger calendarLog;
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        calendarLog = (Logger) LoggerFactory.getLogger(WorkingDayCalendar.class);
        logged.start();
        calendarLog.addAppender(logged);
    }

    @AfterEach
    void releaseLog() {
        calendarLog.detachAppender(logged);
    }

    @ParameterizedTest(name = "{0}..{1} is a holiday")
    @CsvSource({
            "2026-01-01, 2026-01-03", // New Year's Day
            "2026-02-15, 2026-02-23", // Spring Festival
            "2026-04-04, 2026-04-06", // Qingming
            "2026-05-01, 2026-05-05", // Labour Day
            "2026-06-19, 2026-06-21", // Dragon Boat Festival
            "2026-09-25, 2026-09-27", // Mid-Autumn Festival
            "2026-10-01, 2026-10-07", // National Day
    })
    void everyDayOfA2026HolidayIsOff(LocalDate first, LocalDate last) {
        first.datesUntil(last.plusDays(1)).forEach(day ->
                assertThat(calendar.isWorkingDay(day)).as("%s (%s)", day, day.getDayOfWeek()).isFalse());
        // the days around a holiday block are ordinary
        assertThat(calendar.isWorkingDay(first.minusDays(1))).isEqualTo(isWeekdayOrAdjusted(first.minusDays(1)));
        assertThat(calendar.isWorkingDay(last.plusDays(1))).isEqualTo(isWeekdayOrAdjusted(last.plusDays(1)));
    }

    @ParameterizedTest(name = "{0} ({1}) is an adjusted working day")
    @CsvSource({
            "2026-01-04, SUNDAY",
            "2026-02-14, SATURDAY",
            "2026-02-28, SATURDAY",
            "2026-05-09, SATURDAY",
            "2026-09-20, SUNDAY",
            "2026-10-10, SATURDAY",
    })
    void every2026AdjustedWeekendDayIsWorking(LocalDate day, DayOfWeek dayOfWeek) {
        assertThat(day.getDayOfWeek()).isEqualTo(dayOfWeek);
        assertThat(calendar.isWorkingDay(day)).isTrue();
    }

    @Test
    void ordinaryDaysOf2026FollowTheWeek() {
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-03-02"))).isTrue();  // Monday
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-03-06"))).isTrue();  // Friday
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-03-07"))).isFalse(); // Saturday
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-03-08"))).isFalse(); // Sunday
        // 261 weekdays in 2026, 19 of them in a holiday block (2+6+1+3+1+1+5), plus 6 adjusted weekend days
        long working = LocalDate.parse("2026-01-01").datesUntil(LocalDate.parse("2027-01-01"))
                .filter(calendar::isWorkingDay).count();
        assertThat(working).isEqualTo(261 - 19 + 6);
    }

    @Test
    void nationalDayExampleEndsOnTheAdjustedSaturday() {
        // Wed 30 Sep + 3: Thu 8 Oct (1), Fri 9 Oct (2), Sat 10 Oct adjusted working day (3)
        Instant start = OffsetDateTime.parse("2026-09-30T10:00:00+08:00").toInstant();
        assertThat(calendar.plusWorkingDays(start, 3))
                .isEqualTo(OffsetDateTime.parse("2026-10-10T10:00:00+08:00").toInstant());
    }

    @Test
    void lastWorkingDayBeforeTheSpringFestival() {
        // Fri 13 Feb + 3: Sat 14 Feb adjusted (1), then the holiday 15-23 Feb, Tue 24 Feb (2), Wed 25 Feb (3)
        ZonedDateTime start = ZonedDateTime.parse("2026-02-13T17:30:00+08:00[Asia/Shanghai]");
        assertThat(calendar.plusWorkingDays(start, 1)).isEqualTo("2026-02-14T17:30:00+08:00[Asia/Shanghai]");
        assertThat(calendar.plusWorkingDays(start, 2)).isEqualTo("2026-02-24T17:30:00+08:00[Asia/Shanghai]");
        assertThat(calendar.plusWorkingDays(start, 3)).isEqualTo("2026-02-25T17:30:00+08:00[Asia/Shanghai]");
    }

    @Test
    void aStartOnAWeekendCountsFromTheFollowingDays() {
        // Sun 8 Mar 10:00 + 3: Mon (1), Tue (2), Wed (3)
        ZonedDateTime sunday = ZonedDateTime.parse("2026-03-08T10:00:00+08:00[Asia/Shanghai]");
        assertThat(calendar.plusWorkingDays(sunday, 3)).isEqualTo("2026-03-11T10:00:00+08:00[Asia/Shanghai]");
        // Sat 7 Mar: the Sunday does not count either
        assertThat(calendar.plusWorkingDays(sunday.minusDays(1), 1)).isEqualTo("2026-03-09T10:00:00+08:00[Asia/Shanghai]");
    }

    @Test
    void aStartOnAHolidayCountsFromTheFollowingDays() {
        // Thu 1 Oct (holiday) + 1: the holiday runs to 7 Oct, so Thu 8 Oct
        ZonedDateTime holiday = ZonedDateTime.parse("2026-10-01T09:00:00+08:00[Asia/Shanghai]");
        assertThat(calendar.plusWorkingDays(holiday, 1)).isEqualTo("2026-10-08T09:00:00+08:00[Asia/Shanghai]");
    }

    @Test
    void dateAndTimeOfDayAreThoseOfTheCalendarZone() {
        // 2026-09-30T20:00Z is already Thursday 1 Oct 04:00 in Shanghai (a holiday): + 1 is Thu 8 Oct 04:00 Shanghai
        ZonedDateTime utc = ZonedDateTime.parse("2026-09-30T20:00:00Z[UTC]");
        ZonedDateTime result = calendar.plusWorkingDays(utc, 1);
        assertThat(result.getZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(result.withZoneSameInstant(SHANGHAI)).isEqualTo("2026-10-08T04:00:00+08:00[Asia/Shanghai]");
    }

    @Test
    void crossingIntoAnUnconfiguredYearCountsWeekdaysAndWarnsOnce() {
        assertThat(calendar.isConfigured(2026)).isTrue();
        assertThat(calendar.isConfigured(2027)).isFalse();
        assertThat(warnings()).isEmpty();

        // Thu 31 Dec 2026 + 3: Fri 1 Jan 2027 (1; no holidays known for 2027), Mon 4 Jan (2), Tue 5 Jan (3)
        ZonedDateTime start = ZonedDateTime.parse("2026-12-31T15:00:00+08:00[Asia/Shanghai]");
        assertThat(calendar.plusWorkingDays(start, 3)).isEqualTo("2027-01-05T15:00:00+08:00[Asia/Shanghai]");
        assertThat(calendar.plusWorkingDays(start, 10)).isEqualTo("2027-01-14T15:00:00+08:00[Asia/Shanghai]");
        assertThat(calendar.isWorkingDay(LocalDate.parse("2027-02-08"))).isTrue();  // Monday
        assertThat(calendar.isWorkingDay(LocalDate.parse("2027-02-06"))).isFalse(); // Saturday

        assertThat(warnings()).singleElement().asString().contains("2027");

        calendar.isWorkingDay(LocalDate.parse("2028-03-01"));
        assertThat(warnings()).hasSize(2).last().asString().contains("2028");
        // a configured year never warns
        calendar.plusWorkingDays(ZonedDateTime.parse("2026-01-05T10:00:00+08:00[Asia/Shanghai]"), 200);
        assertThat(warnings()).hasSize(2);
    }

    @Test
    void zeroDaysReturnsTheStart() {
        Instant saturday = OffsetDateTime.parse("2026-03-07T10:00:00+08:00").toInstant();
        assertThat(calendar.plusWorkingDays(saturday, 0)).isEqualTo(saturday);
        Date date = Date.from(saturday);
        assertThat(calendar.plusWorkingDays(date, 0)).isEqualTo(date);
    }

    @Test
    void negativeDaysAreRejected() {
        Instant start = OffsetDateTime.parse("2026-03-09T10:00:00+08:00").toInstant();
        assertThatThrownBy(() -> calendar.plusWorkingDays(start, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> calendar.plusWorkingDays(Date.from(start), -2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-2");
    }

    @Test
    void theDateOverloadAgreesWithTheInstantOne() {
        for (String text : List.of("2026-09-30T10:00:00+08:00", "2026-02-13T23:59:59+08:00",
                "2026-12-31T00:00:01+08:00", "2026-05-08T16:45:12+08:00")) {
            Instant start = OffsetDateTime.parse(text).toInstant();
            for (int days = 0; days <= 12; days++) {
                Date viaDate = calendar.plusWorkingDays(Date.from(start), days);
                assertThat(viaDate.toInstant()).as("%s + %d", text, days)
                        .isEqualTo(calendar.plusWorkingDays(start, days));
            }
        }
        // also for java.sql.Date / Timestamp, which JDBC-loaded variables may be
        Instant start = OffsetDateTime.parse("2026-09-30T10:00:00+08:00").toInstant();
        assertThat(calendar.plusWorkingDays(new java.sql.Date(start.toEpochMilli()), 3).toInstant())
                .isEqualTo(calendar.plusWorkingDays(start, 3));
        assertThat(calendar.plusWorkingDays(java.sql.Timestamp.from(start), 3).toInstant())
                .isEqualTo(calendar.plusWorkingDays(start, 3));
    }

    private List<String> warnings() {
        return logged.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static boolean isWeekdayOrAdjusted(LocalDate day) {
        return WORKING_WEEKENDS_2026.contains(day.toString())
                || (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY);
    }
}
