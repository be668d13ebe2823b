package com.podflow.facility;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * How the reference facility runs: the broker, its consumer group, the facility ids it answers for (empty: every
 * facility) and the pause between two production steps.
 */
public record FacilitySettings(String bootstrapServers, String groupId, Set<String> facilityIds, Duration stepDelay,
        Duration fetchTimeout, int threads) {

    public static final String USAGE = """
            usage: java -jar reference-facility.jar [options]
              --bootstrap-servers HOST:PORT   the Kafka broker (default localhost:9092)
              --group-id ID                   its consumer group on orders.production (default reference-facility)
              --facility-id ID[,ID...]        answer only for these facilities (default: every facility)
              --step-delay DURATION           pause between two steps: 1s, 500ms, PT2S, 0 (default 1s)
              --fetch-timeout DURATION        per print file download (default 30s)
              --threads N                     scheduler threads (default 4)
            """;

    public FacilitySettings {
        facilityIds = Set.copyOf(facilityIds);
        if (stepDelay.isNegative()) {
            throw new IllegalArgumentException("--step-delay must not be negative");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1");
        }
    }

    public static FacilitySettings defaults(String bootstrapServers) {
        return new FacilitySettings(bootstrapServers, "reference-facility", Set.of(), Duration.ofSeconds(1),
                Duration.ofSeconds(30), 4);
    }

    public FacilitySettings withFacilityIds(String... ids) {
        return new FacilitySettings(bootstrapServers, groupId, Set.of(ids), stepDelay, fetchTimeout, threads);
    }

    public FacilitySettings withGroupId(String id) {
        return new FacilitySettings(bootstrapServers, id, facilityIds, stepDelay, fetchTimeout, threads);
    }

    public FacilitySettings withStepDelay(Duration delay) {
        return new FacilitySettings(bootstrapServers, groupId, facilityIds, delay, fetchTimeout, threads);
    }

    /** Whether a request for {@code facilityId} is this facility's. */
    public boolean serves(String facilityId) {
        return facilityIds.isEmpty() || facilityIds.contains(facilityId);
    }

    /** Reads {@code --name value} (or {@code --name=value}) options; an unknown one is an error naming it. */
    public static FacilitySettings parse(String... args) {
        FacilitySettings settings = defaults("localhost:9092");
        String bootstrap = settings.bootstrapServers;
        String group = settings.groupId;
        Set<String> ids = new LinkedHashSet<>();
        Duration delay = settings.stepDelay;
        Duration fetch = settings.fetchTimeout;
        int threads = settings.threads;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            String value;
            int eq = name.indexOf('=');
            if (eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(name + " needs a value");
            }
            switch (name) {
                case "--bootstrap-servers" -> bootstrap = value;
                case "--group-id" -> group = value;
                case "--facility-id" -> Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .forEach(ids::add);
                case "--step-delay" -> delay = duration(name, value);
                case "--fetch-timeout" -> fetch = duration(name, value);
                case "--threads" -> threads = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return new FacilitySettings(bootstrap, group, ids, delay, fetch, threads);
    }

    /** {@code 250ms}, {@code 2s}, {@code 1m}, a bare number of milliseconds, or ISO-8601 ({@code PT1S}). */
    static Duration duration(String option, String text) {
        String t = text.trim().toLowerCase();
        try {
            if (t.startsWith("pt")) {
                return Duration.parse(t.toUpperCase());
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
            }
            if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            return Duration.ofMillis(Long.parseLong(t));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(option + " '" + text + "' is not a duration (e.g. 1s, 500ms, PT2S)");
        }
    }
}
