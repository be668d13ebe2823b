package com.podflow.intake.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import com.podflow.support.api.ApiException;

/** Query and filter values: dates (ISO 8601, a date-time with offset or a plain date in UTC) and numbers. */
final class ApiParams {
    private ApiParams() {
    }

    /**
     * The instant a filter value names: a date-time as it is; a date as its start, or, for the end of a range, as the
     * start of the next day (so that {@code endDate=2024-12-01} includes that whole day).
     */
    static Instant date(String field, String value, boolean endOfRange) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notADateTime) {
            try {
                LocalDate day = LocalDate.parse(value);
                return (endOfRange ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new ApiException(400, field + " '" + value + "' is not an ISO 8601 date or date-time (e.g."
                        + " \"2024-12-01\" or \"2024-12-01T10:00:00Z\")");
            }
        }
    }

    /** A whole number from {@code min} to {@code max}; {@code fallback} when absent. */
    static int number(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiException(400, name + " must be a whole number from " + min
                + (max == Integer.MAX_VALUE ? " up" : " to " + max));
    }
}
