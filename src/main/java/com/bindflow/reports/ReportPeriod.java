package com.bindflow.reports;

import com.bindflow.shared.ApiProblem;
import com.bindflow.shared.Texts;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.springframework.http.HttpStatus;

/**
 * A report period {@code [from, to)}. Each bound is given as an instant with an offset
 * ({@code 2026-11-01T00:00:00Z}, {@code 2026-11-01T08:00:00+08:00}), as a local date-time
 * ({@code 2026-11-01T08:00}) or as a date ({@code 2026-11-01}, the start of that day); local ones are read in
 * the business zone (Asia/Shanghai).
 */
public record ReportPeriod(Instant from, Instant to, ZoneId zone) {

    /**
     * The earliest and (exclusive) latest bound accepted: the years 1900 to 9999, in any zone (so the start of
     * 1900-01-01 or 1970-01-01 in Asia/Shanghai, hours before that day in UTC, is a valid bound).
     */
    static final Instant EARLIEST = Instant.parse("1899-12-31T00:00:00Z");
    static final Instant LATEST = Instant.parse("+10000-01-01T00:00:00Z");

    public static ReportPeriod parse(String from, String to, ZoneId zone) {
        Instant start = bound("from", from, zone);
        Instant end = bound("to", to, zone);
        if (!start.isBefore(end)) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_PERIOD", "to",
                    "The period is [from, to): to (" + end + ") must be after from (" + start + ").");
        }
        return new ReportPeriod(start, end, zone);
    }

    static Instant bound(String field, String text, ZoneId zone) {
        if (text == null || text.isBlank()) {
            throw ApiProblem.badRequest(field, "The parameter " + field + " is required.");
        }
        String value = text.trim();
        Instant bound;
        try {
            if (value.indexOf('T') < 0 && value.indexOf('t') < 0) {
                bound = LocalDate.parse(value).atStartOfDay(zone).toInstant();
            } else {
                try {
                    bound = OffsetDateTime.parse(value).toInstant();
                } catch (DateTimeParseException noOffset) {
                    bound = LocalDateTime.parse(value).atZone(zone).toInstant();
                }
            }
        } catch (DateTimeException | ArithmeticException e) {
            throw ApiProblem.badRequest(field, "The value '" + Texts.abbreviate(text) + "' is not valid for " + field
                    + ": give a date (2026-11-01, the start of that day in " + zone + ") or an ISO instant "
                    + "(2026-11-01T00:00:00Z).");
        }
        if (bound.isBefore(EARLIEST) || !bound.isBefore(LATEST)) {
            throw ApiProblem.badRequest(field, "The value '" + Texts.abbreviate(text) + "' is out of range for " + field
                    + ": reports cover the years 1900 to 9999.");
        }
        return bound;
    }

}
