package com.podflow.runner.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The command line of {@code ./bench.sh}. */
record BenchmarkOptions(int seconds, int warmUpSeconds, List<Integer> rates, int concurrency, int pgConnections,
        int window, int deliveries, int postConcurrency, int drainSeconds, Set<String> phases, boolean keepData) {

    static final List<String> PHASES = List.of("http", "pg", "deliveries", "pipeline", "steady", "intake");

    static final String USAGE = String.join("\n",
            "usage: ./bench.sh [options]   (SKIP_BUILD=1 skips the build)",
            "  --seconds N          measured seconds of each phase (default 20)",
            "  --warmup N           seconds of warm-up before each HTTP and database phase (default 3)",
            "  --rates R1,R2        steady offered rates in orders/s (default 50,100); --rate R for one",
            "  --concurrency N      requests in flight for the closed-loop phases, as wrk's connections (default 32)",
            "  --pg-connections N   JDBC connections for the raw PostgreSQL inserts (default 8)",
            "  --window N           most orders submitted but not yet created during the saturation phase"
                    + " (default 500)",
            "  --deliveries N       status changes queued for notification-service in the deliveries phase"
                    + " (default 3000)",
            "  --post-concurrency N raw POSTs in flight for the deliveries baseline (default 8, notification-service's"
                    + " per-endpoint cap)",
            "  --drain N            longest wait, in seconds, for a phase's orders to be created (default 300)",
            "  --phases a,b         only these phases, of " + String.join(",", PHASES) + " (default all)",
            "  --keep-data          keep the temporary data directory (service logs) afterwards");

    static BenchmarkOptions parse(String[] args) {
        int seconds = 20;
        int warmUp = 3;
        List<Integer> rates = new ArrayList<>();
        int concurrency = 32;
        int pgConnections = 8;
        int window = 500;
        int deliveries = 3000;
        int postConcurrency = 8;
        int drain = 300;
        Set<String> phases = new LinkedHashSet<>(PHASES);
        boolean keepData = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            if (name.equals("--help") || name.equals("-h")) {
                throw new IllegalArgumentException("");
            }
            if (name.equals("--keep-data")) {
                keepData = true;
                continue;
            }
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException(name + " needs a value");
            }
            switch (name) {
                case "--seconds" -> seconds = positive(name, value);
                case "--warmup" -> warmUp = positive(name, value);
                case "--rate", "--rates" -> {
                    for (String rate : value.split(",")) {
                        rates.add(positive(name, rate.trim()));
                    }
                }
                case "--concurrency" -> concurrency = positive(name, value);
                case "--pg-connections" -> pgConnections = positive(name, value);
                case "--window" -> window = positive(name, value);
                case "--deliveries" -> deliveries = positive(name, value);
                case "--post-concurrency" -> postConcurrency = positive(name, value);
                case "--drain" -> drain = positive(name, value);
                case "--phases" -> {
                    phases = new LinkedHashSet<>(Arrays.asList(value.split(",")));
                    if (!PHASES.containsAll(phases)) {
                        throw new IllegalArgumentException("--phases takes some of " + PHASES + ", got " + value);
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return new BenchmarkOptions(seconds, warmUp, rates.isEmpty() ? List.of(50, 100) : List.copyOf(rates),
                concurrency, pgConnections, window, deliveries, postConcurrency, drain, Set.copyOf(phases), keepData);
    }

    private static int positive(String name, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException(name + " takes a positive whole number, got " + value);
    }

    boolean runs(String phase) {
        return phases.contains(phase);
    }

    Duration measured() {
        return Duration.ofSeconds(seconds);
    }

    Duration warmUp() {
        return Duration.ofSeconds(warmUpSeconds);
    }

    Duration drain() {
        return Duration.ofSeconds(drainSeconds);
    }
}
