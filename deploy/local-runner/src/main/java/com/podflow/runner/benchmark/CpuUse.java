package com.podflow.runner.benchmark;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import com.podflow.runner.ServiceSpec;
import com.podflow.runner.Suite;

/**
 * Where the CPU went during a phase: CPU seconds of each service, of PostgreSQL (all its processes) and of this JVM
 * (the Kafka broker runs in it, beside the load generator and the receiver). A process that ended during the phase
 * (a PostgreSQL backend) is not counted.
 */
final class CpuUse {
    static final String POSTGRES = "postgres";
    static final String THIS_JVM = "broker+benchmark JVM";

    private final Suite suite;

    CpuUse(Suite suite) {
        this.suite = suite;
    }

    /** CPU time so far of each process, keyed by pid, with its group's name. */
    record Snapshot(long at, Map<Long, Duration> cpu, Map<Long, String> group) {}

    Snapshot snapshot() {
        Map<Long, Duration> cpu = new LinkedHashMap<>();
        Map<Long, String> group = new LinkedHashMap<>();
        Map<Long, String> services = new LinkedHashMap<>();
        for (ServiceSpec spec : Suite.SERVICES) {
            services.put(suite.pid(spec), spec.name());
        }
        ProcessHandle self = ProcessHandle.current();
        record(self, THIS_JVM, cpu, group);
        self.descendants().filter(p -> services.containsKey(p.pid()))
                .forEach(p -> record(p, services.get(p.pid()), cpu, group));
        postmaster().ifPresent(postmaster -> {
            record(postmaster, POSTGRES, cpu, group);
            postmaster.children().forEach(backend -> record(backend, POSTGRES, cpu, group));
        });
        return new Snapshot(System.nanoTime(), cpu, group);
    }

    /**
     * The suite's PostgreSQL server: pg_ctl starts it detached, so it is found by its port among the machine's
     * processes (other runs on this machine have servers of their own).
     */
    private java.util.Optional<ProcessHandle> postmaster() {
        String port = Integer.toString(suite.infra().database().port());
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/" + POSTGRES)).orElse(false))
                .filter(p -> p.info().arguments().map(a -> java.util.Arrays.asList(a).contains(port)).orElse(false))
                .findFirst();
    }

    private static void record(ProcessHandle process, String name, Map<Long, Duration> cpu, Map<Long, String> group) {
        process.info().totalCpuDuration().ifPresent(d -> {
            cpu.put(process.pid(), d);
            group.put(process.pid(), name);
        });
    }

    /** "intake-api 12.1 s, ..., of 40 s CPU in 20 s": each group's CPU seconds between the two, largest first. */
    static String between(Snapshot before, Snapshot after) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        after.cpu().forEach((pid, total) -> {
            Duration start = before.cpu().getOrDefault(pid, Duration.ZERO);
            seconds.merge(after.group().get(pid), (total.toNanos() - start.toNanos()) / 1e9, Double::sum);
        });
        double sum = seconds.values().stream().mapToDouble(Double::doubleValue).sum();
        double elapsed = (after.at() - before.at()) / 1e9;
        return seconds.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", ", "CPU s: ", String.format(Locale.ROOT,
                        " (%.1f CPU s in %.1f s)", sum, elapsed)));
    }
}
