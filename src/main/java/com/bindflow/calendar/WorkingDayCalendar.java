package com.bindflow.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Working days of mainland China: Monday to Friday, except the public holidays, plus the adjusted working
 * weekends (调休) on which people work to make up for a longer holiday. The holidays and adjusted days come from
 * configuration, one schedule per year ({@link BusinessCalendarProperties}); a year that is not configured falls
 * back to Monday to Friday and is reported once with a WARN.
 *
 * <p>Plain Java and immutable (apart from the set of years already warned about), so it can be shared freely.
 * It never reads the clock: every instant is passed in. In the application it is the bean {@code workingDays},
 * called from BPMN expressions such as {@code ${workingDays.plusWorkingDays(someDate, 3)}}.
 */
public final class WorkingDayCalendar {

    private static final Logger log = LoggerFactory.getLogger(WorkingDayCalendar.class);

    /** The official schedule of one year: days off, and weekend days that are working days (调休). */
    public record YearSchedule(Set<LocalDate> holidays, Set<LocalDate> workingWeekends) {
        public YearSchedule {
            holidays = Set.copyOf(holidays);
            workingWeekends = Set.copyOf(workingWeekends);
        }
    }

    private final ZoneId zone;
    private final Map<Integer, YearSchedule> years;
    private final Set<Integer> warnedYears = ConcurrentHashMap.newKeySet();

    /**
     * @param zone  the zone in which dates and times of day are taken (Asia/Shanghai in the application)
     * @param years the schedule of every configured year, by year; validated by {@link BusinessCalendarProperties}
     */
    public WorkingDayCalendar(ZoneId zone, Map<Integer, YearSchedule> years) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.years = Map.copyOf(years);
    }

    public ZoneId zone() {
        return zone;
    }

    /** Whether the official schedule of this year is configured (if not, Monday to Friday are working days). */
    public boolean isConfigured(int year) {
        return years.containsKey(year);
    }

    /** Whether people work on this day: a configured holiday is not, an adjusted working weekend day is. */
    public boolean isWorkingDay(LocalDate date) {
        YearSchedule schedule = years.get(date.getYear());
        if (schedule == null) {
            if (warnedYears.add(date.getYear())) {
                log.warn("No business calendar configured for {}: counting Monday to Friday as working days. "
                        + "Add bindflow.calendar.years.{} (business-calendar.yaml) once the State Council has "
                        + "published its holiday notice.", date.getYear(), date.getYear());
            }
            return isWeekday(date);
        }
        if (schedule.holidays().contains(date)) {
            return false;
        }
        return schedule.workingWeekends().contains(date) || isWeekday(date);
    }

    /**
     * The instant {@code days} working days after {@code start}, at the same time of day in the calendar's zone.
     * Counting starts with the day after the start date (whether or not the start date is a working day itself),
     * and each following working day counts one; the result is the day on which the count reaches {@code days}.
     * Zero days returns the start unchanged.
     *
     * @throws IllegalArgumentException if {@code days} is negative
     */
    public Instant plusWorkingDays(Instant start, int days) {
        return plusWorkingDays(Objects.requireNonNull(start, "start").atZone(zone), days).toInstant();
    }

    /**
     * As {@link #plusWorkingDays(Instant, int)}; the dates and the time of day are those of the calendar's zone,
     * and the result is expressed in the zone of {@code start}.
     */
    public ZonedDateTime plusWorkingDays(ZonedDateTime start, int days) {
        Objects.requireNonNull(start, "start");
        if (days < 0) {
            throw new IllegalArgumentException("The number of working days must not be negative, was " + days);
        }
        if (days == 0) {
            return start;
        }
        ZonedDateTime local = start.withZoneSameInstant(zone);
        LocalDate date = local.toLocalDate();
        LocalTime timeOfDay = local.toLocalTime();
        int counted = 0;
        while (counted < days) {
            date = date.plusDays(1);
            if (isWorkingDay(date)) {
                counted++;
            }
        }
        // ZonedDateTime.of moves a time of day that falls into a daylight-saving gap forward (no such gap in China).
        return ZonedDateTime.of(date, timeOfDay, zone).withZoneSameInstant(start.getZone());
    }

    /**
     * As {@link #plusWorkingDays(Instant, int)}, for Camunda (date variables and timer expressions are
     * {@link Date}s). Millisecond precision, like {@link Date}. Accepts any {@link Date} subclass, including
     * {@code java.sql.Date}, whose {@code toInstant()} would throw.
     */
    public Date plusWorkingDays(Date start, int days) {
        Objects.requireNonNull(start, "start");
        return Date.from(plusWorkingDays(Instant.ofEpochMilli(start.getTime()), days));
    }

    private static boolean isWeekday(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
    }
}
