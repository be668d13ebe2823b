package com.podflow.notification.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When a delivery is tried: {@code delays.get(n-1)} after the previous failure for attempt n (the first entry is the
 * delay of the first attempt, normally zero), each spread by +/- {@code jitter} so that many failed deliveries do not
 * come back in one burst. After the last entry the delivery is given up.
 */
public record RetrySchedule(List<Duration> delays, double jitter) {
    /** The Standard Webhooks schedule: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h. */
    public static final String STANDARD = "0s,5s,5m,30m,2h,5h,10h,14h,20h,24h";

    /** Retry-After is honoured up to this long, so a receiver cannot park a delivery for ever. */
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);

    public RetrySchedule {
        if (delays == null || delays.isEmpty()) {
            throw new IllegalArgumentException("retry schedule needs at least one entry");
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("retry jitter must be in [0, 1)");
        }
        delays = List.copyOf(delays);
    }

    /** Parses {@code 0s,5s,5m,2h,1d} (units ms, s, m, h, d). */
    public static RetrySchedule parse(String text, double jitter) {
        return new RetrySchedule(java.util.Arrays.stream(text.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).map(RetrySchedule::duration).toList(), jitter);
    }

    static Duration duration(String s) {
        try {
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            long n = Long.parseLong(s.substring(0, s.length() - 1));
            return switch (s.charAt(s.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new IllegalArgumentException("unit");
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("retry schedule entry '" + s + "' is not like 500ms, 5s, 5m, 2h or 1d");
        }
    }

    public int maxAttempts() {
        return delays.size();
    }

    /** The delay before attempt {@code attempt} (1-based), jittered; empty once the schedule is used up. */
    public Optional<Duration> delayBefore(int attempt, DoubleSupplier random) {
        if (attempt < 1 || attempt > delays.size()) {
            return Optional.empty();
        }
        Duration base = delays.get(attempt - 1);
        double factor = 1 + jitter * (2 * random.getAsDouble() - 1);
        return Optional.of(Duration.ofMillis(Math.round(base.toMillis() * factor)));
    }

    /**
     * When to try again after failed attempt {@code attempt}: the schedule's next delay, or the receiver's
     * {@code Retry-After} (on 429 and 503) when that is later. Empty: give up.
     */
    public Optional<Instant> nextAttempt(int attempt, Integer statusCode, String retryAfter, Instant now,
            DoubleSupplier random) {
        return delayBefore(attempt + 1, random).map(delay -> {
            if (statusCode != null && (statusCode == 429 || statusCode == 503)) {
                Optional<Duration> asked = retryAfter(retryAfter, now);
                if (asked.isPresent() && asked.get().compareTo(delay) > 0) {
                    delay = asked.get().compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : asked.get();
                }
            }
            return now.plus(delay);
        });
    }

    /** {@code Retry-After}: delta-seconds or an HTTP date. */
    static Optional<Duration> retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException e) {
            try {
                Duration d = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
                return d.isNegative() ? Optional.of(Duration.ZERO) : Optional.of(d);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
