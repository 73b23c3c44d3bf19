package com.bindflow.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code bindflow.calendar.*}: the business calendar (data in {@code business-calendar.yaml}).
 *
 * <pre>
 * bindflow:
 *   calendar:
 *     zone: Asia/Shanghai
 *     years:
 *       2026:
 *         holidays: [2026-01-01..2026-01-03, ...]
 *         working-weekends: [2026-01-04, ...]
 * </pre>
 *
 * An entry is one ISO date ({@code 2026-01-04}) or an inclusive range ({@code 2026-02-15..2026-02-23}). The
 * entries are validated when the properties are bound, so a bad entry stops the application at start-up with a
 * message naming it: a range must not end before it starts, every date must lie in the year it is listed under,
 * a working weekend day must be a Saturday or a Sunday, and no day may be both a holiday and a working day.
 *
 * @param zone  the zone in which working days are counted; Asia/Shanghai if not set
 * @param years the official schedule per year; a year that is missing counts Monday to Friday
 */
@ConfigurationProperties("bindflow.calendar")
public record BusinessCalendarProperties(ZoneId zone, Map<Integer, Year> years) {

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    /** One year's schedule as configured: holidays (days off) and working weekend days (调休), as entries. */
    public record Year(List<String> holidays, List<String> workingWeekends) {
        public Year {
            holidays = holidays == null ? List.of() : List.copyOf(holidays);
            workingWeekends = workingWeekends == null ? List.of() : List.copyOf(workingWeekends);
        }
    }

    public BusinessCalendarProperties {
        zone = zone == null ? DEFAULT_ZONE : zone;
        // a TreeMap keeps a null year (an empty YAML block) for parse() to report by name; Map.copyOf would not
        years = years == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(years));
        parse(years); // fail fast: a bad entry stops the binding, so the application does not start
    }

    /** The validated schedule, by year. */
    public Map<Integer, WorkingDayCalendar.YearSchedule> schedule() {
        return parse(years);
    }

    /** The calendar of this configuration. */
    public WorkingDayCalendar toCalendar() {
        return new WorkingDayCalendar(zone, schedule());
    }

    private static Map<Integer, WorkingDayCalendar.YearSchedule> parse(Map<Integer, Year> years) {
        Map<Integer, WorkingDayCalendar.YearSchedule> schedule = new TreeMap<>();
        years.forEach((year, entries) -> {
            String at = "bindflow.calendar.years." + year;
            if (entries == null) {
                throw new IllegalArgumentException(at + ": no holidays or working-weekends listed");
            }
            Map<LocalDate, String> holidays = dates(year, at + ".holidays", entries.holidays());
            Map<LocalDate, String> workingWeekends = dates(year, at + ".working-weekends", entries.workingWeekends());
            workingWeekends.forEach((date, entry) -> {
                if (date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY) {
                    throw new IllegalArgumentException(entry + ": " + date + " is a " + date.getDayOfWeek()
                            + ", but a working weekend day must be a Saturday or a Sunday");
                }
                if (holidays.containsKey(date)) {
                    throw new IllegalArgumentException(entry + ": " + date + " is also a holiday (" + holidays.get(date)
                            + "); a day is either a holiday or a working day");
                }
            });
            schedule.put(year, new WorkingDayCalendar.YearSchedule(holidays.keySet(), workingWeekends.keySet()));
        });
        return schedule;
    }

    /**
     * The dates of one list, each mapped to the name of its entry (for messages); every entry must be a date or
     * a range inside {@code year}.
     */
    private static Map<LocalDate, String> dates(int year, String list, List<String> entries) {
        Map<LocalDate, String> dates = new TreeMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            String name = list + "[" + i + "] '" + entry + "'";
            String[] bounds = entry.split("\\.\\.", -1);
            if (entry.isBlank() || bounds.length > 2) {
                throw new IllegalArgumentException(
                        name + ": expected a date (2026-01-01) or an inclusive range (2026-02-15..2026-02-23)");
            }
            LocalDate first = date(name, bounds[0]);
            LocalDate last = bounds.length == 2 ? date(name, bounds[1]) : first;
            if (last.isBefore(first)) {
                throw new IllegalArgumentException(name + ": the range ends before it starts");
            }
            if (first.getYear() != year || last.getYear() != year) {
                throw new IllegalArgumentException(name + ": not inside the year " + year + " it is listed under");
            }
            first.datesUntil(last.plusDays(1)).forEach(date -> dates.putIfAbsent(date, name));
        }
        return dates;
    }

    private static LocalDate date(String name, String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + ": '" + text.strip() + "' is not an ISO date (yyyy-MM-dd)", e);
        }
    }
}
